import { fields } from "../auditRule.ts"
import { change } from "../auditRuleParts.ts"
import { keyInRequest } from "../keyReferences.ts"
import { KeyIdType, TagKeyList } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { KeyRef } from "../RegionRequests.ts"
import { noOutput } from "../responseParts.ts"
import { required, structure } from "../WireShape.ts"

type UntagResourceRequest = KeyRef & { readonly tagKeys: ReadonlyArray<string> }

/** UntagResource (https://docs.aws.amazon.com/kms/latest/APIReference/API_UntagResource.html). */
export const UntagResource = defineOperation<UntagResourceRequest, void>()({
  name: "UntagResource",
  decoder: operationDecoder(
    structure({ keyId: required(KeyIdType), tagKeys: required(TagKeyList) }),
    asIs
  ),
  encode: noOutput,
  state: "changes",
  keyForms: "key",
  ...keyInRequest,
  audit: change(fields({ keyId: "string", tagKeys: "stringList" })),
  answer: "empty"
})
