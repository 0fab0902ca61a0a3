import { fields } from "../auditRule.ts"
import { change } from "../auditRuleParts.ts"
import { keyInRequest } from "../keyReferences.ts"
import { DescriptionType, KeyIdType } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { KeyRef } from "../RegionRequests.ts"
import { noOutput } from "../responseParts.ts"
import { required, structure } from "../WireShape.ts"

type UpdateKeyDescriptionRequest = KeyRef & { readonly description: string }

/** UpdateKeyDescription (https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateKeyDescription.html). */
export const UpdateKeyDescription = defineOperation<UpdateKeyDescriptionRequest, void>()({
  name: "UpdateKeyDescription",
  decoder: operationDecoder(
    structure({ keyId: required(KeyIdType), description: required(DescriptionType) }),
    asIs
  ),
  encode: noOutput,
  state: "changes",
  keyForms: "key",
  ...keyInRequest,
  audit: change(fields({ keyId: "string", description: "string" })),
  answer: "empty"
})
