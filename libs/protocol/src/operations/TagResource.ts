import type { Tag } from "@trent/domain"
import { fields } from "../auditRule.ts"
import { change, tags } from "../auditRuleParts.ts"
import { keyInRequest } from "../keyReferences.ts"
import { KeyIdType, TagList } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { KeyRef } from "../RegionRequests.ts"
import { noOutput } from "../responseParts.ts"
import { required, structure } from "../WireShape.ts"

type TagResourceRequest = KeyRef & { readonly tags: ReadonlyArray<Tag> }

/** TagResource (https://docs.aws.amazon.com/kms/latest/APIReference/API_TagResource.html). */
export const TagResource = defineOperation<TagResourceRequest, void>()({
  name: "TagResource",
  /** Members in model order. */
  decoder: operationDecoder(
    structure({ keyId: required(KeyIdType), tags: required(TagList) }),
    asIs
  ),
  encode: noOutput,
  state: "changes",
  keyForms: "key",
  ...keyInRequest,
  audit: change(fields({ keyId: "string", tags })),
  answer: "empty"
})
