import type { Tag } from "@trent/domain"
import { fields } from "../auditRule.ts"
import { paging, read } from "../auditRuleParts.ts"
import { keyInRequest } from "../keyReferences.ts"
import { KeyIdType, MarkerType, limit } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import { encodePaged } from "../PagedList.ts"
import type { KeyRef, Page } from "../RegionRequests.ts"
import type { Paged } from "../RegionResults.ts"
import { tag } from "../responseParts.ts"
import { optional, required, structure } from "../WireShape.ts"

type ListResourceTagsRequest = KeyRef & Page
type ListResourceTagsResult = Paged<Tag>

/** ListResourceTags (https://docs.aws.amazon.com/kms/latest/APIReference/API_ListResourceTags.html). */
export const ListResourceTags = defineOperation<ListResourceTagsRequest, ListResourceTagsResult>()({
  name: "ListResourceTags",
  decoder: operationDecoder(
    structure({ keyId: required(KeyIdType), limit: optional(limit(50)), marker: optional(MarkerType) }),
    asIs
  ),
  encode: (page) => encodePaged("Tags", page, tag),
  state: "reads",
  keyForms: "key",
  ...keyInRequest,
  audit: read(fields({ keyId: "string", ...paging }))
})
