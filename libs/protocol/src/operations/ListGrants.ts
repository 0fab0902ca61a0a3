import { fields } from "../auditRule.ts"
import { paging, read } from "../auditRuleParts.ts"
import { keyInRequest } from "../keyReferences.ts"
import { GrantIdType, KeyIdType, MarkerType, PrincipalIdType, limit } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import { encodePaged } from "../PagedList.ts"
import type { KeyRef, Page } from "../RegionRequests.ts"
import type { GrantListEntry, Paged } from "../RegionResults.ts"
import { grantListEntry } from "../responseParts.ts"
import { optional, required, structure } from "../WireShape.ts"

type ListGrantsRequest = KeyRef & Page & {
    readonly grantId?: string | undefined
    readonly granteePrincipal?: string | undefined
  }
type ListGrantsResult = Paged<GrantListEntry>

/** ListGrants (https://docs.aws.amazon.com/kms/latest/APIReference/API_ListGrants.html). */
export const ListGrants = defineOperation<ListGrantsRequest, ListGrantsResult>()({
  name: "ListGrants",
  /** Limit is capped at 100, as ListRetirableGrants' is. */
  decoder: operationDecoder(
    structure({
      limit: optional(limit(100)),
      marker: optional(MarkerType),
      keyId: required(KeyIdType),
      grantId: optional(GrantIdType),
      granteePrincipal: optional(PrincipalIdType)
    }),
    asIs
  ),
  encode: (page) => encodePaged("Grants", page, grantListEntry),
  state: "reads",
  keyForms: "key",
  ...keyInRequest,
  audit: read(fields({ keyId: "string", grantId: "string", granteePrincipal: "string", ...paging }))
})
