import { fields } from "../auditRule.ts"
import { paging, read } from "../auditRuleParts.ts"
import { keyInRequest } from "../keyReferences.ts"
import { KeyIdType, MarkerType, limit } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import { encodePaged } from "../PagedList.ts"
import type { Page } from "../RegionRequests.ts"
import type { AliasListEntry, Paged } from "../RegionResults.ts"
import { aliasListEntry } from "../responseParts.ts"
import { optional, structure } from "../WireShape.ts"

type ListAliasesRequest = Page & { readonly keyId?: string | undefined }
type ListAliasesResult = Paged<AliasListEntry>

/** ListAliases (https://docs.aws.amazon.com/kms/latest/APIReference/API_ListAliases.html). */
export const ListAliases = defineOperation<ListAliasesRequest, ListAliasesResult>()({
  name: "ListAliases",
  decoder: operationDecoder(
    structure({ keyId: optional(KeyIdType), limit: optional(limit(100)), marker: optional(MarkerType) }),
    asIs
  ),
  encode: (page) => encodePaged("Aliases", page, aliasListEntry),
  state: "reads",
  keyForms: "key",
  ...keyInRequest,
  audit: read(fields({ keyId: "string", ...paging }))
})
