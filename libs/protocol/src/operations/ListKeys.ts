import { fields } from "../auditRule.ts"
import { paging, read } from "../auditRuleParts.ts"
import { MarkerType, limit } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import { encodePaged } from "../PagedList.ts"
import type { Page } from "../RegionRequests.ts"
import type { ListKeysEntry, Paged } from "../RegionResults.ts"
import { keyListEntry } from "../responseParts.ts"
import { optional, structure } from "../WireShape.ts"

type ListKeysResult = Paged<ListKeysEntry>

/** ListKeys (https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html). */
export const ListKeys = defineOperation<Page, ListKeysResult>()({
  name: "ListKeys",
  decoder: operationDecoder(
    structure({ limit: optional(limit(1000)), marker: optional(MarkerType) }),
    asIs
  ),
  encode: (page) => encodePaged("Keys", page, keyListEntry),
  state: "reads",
  keyForms: "key",
  audit: read(fields(paging))
})
