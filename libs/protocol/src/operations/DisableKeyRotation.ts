import { change, keyOnly } from "../auditRuleParts.ts"
import { keyRef } from "../keyLifecycleRequests.ts"
import { keyInRequest } from "../keyReferences.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { KeyRef } from "../RegionRequests.ts"
import { noOutput } from "../responseParts.ts"

/** DisableKeyRotation (https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKeyRotation.html). */
export const DisableKeyRotation = defineOperation<KeyRef, void>()({
  name: "DisableKeyRotation",
  decoder: operationDecoder(keyRef, asIs),
  encode: noOutput,
  state: "changes",
  keyForms: "key",
  ...keyInRequest,
  audit: change(keyOnly),
  answer: "empty"
})
