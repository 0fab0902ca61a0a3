import { fields } from "../auditRule.ts"
import { paging, read } from "../auditRuleParts.ts"
import { MarkerType, PrincipalIdType, limit } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import { encodePaged } from "../PagedList.ts"
import type { Page } from "../RegionRequests.ts"
import type { GrantListEntry, Paged } from "../RegionResults.ts"
import { grantListEntry } from "../responseParts.ts"
import { optional, required, structure } from "../WireShape.ts"

type ListRetirableGrantsRequest = Page & { readonly retiringPrincipal: string }
type ListRetirableGrantsResult = Paged<GrantListEntry>

/** ListRetirableGrants (https://docs.aws.amazon.com/kms/latest/APIReference/API_ListRetirableGrants.html). */
export const ListRetirableGrants = defineOperation<ListRetirableGrantsRequest, ListRetirableGrantsResult>()({
  name: "ListRetirableGrants",
  decoder: operationDecoder(
    structure({
      limit: optional(limit(100)),
      marker: optional(MarkerType),
      retiringPrincipal: required(PrincipalIdType)
    }),
    asIs
  ),
  encode: (page) => encodePaged("Grants", page, grantListEntry),
  state: "reads",
  keyForms: "key",
  audit: read(fields({ retiringPrincipal: "string", ...paging }))
})
