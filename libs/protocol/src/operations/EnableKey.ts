import { change, keyOnly } from "../auditRuleParts.ts"
import { keyRef } from "../keyLifecycleRequests.ts"
import { keyInRequest } from "../keyReferences.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { KeyRef } from "../RegionRequests.ts"
import { noOutput } from "../responseParts.ts"

/** EnableKey (https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKey.html). */
export const EnableKey = defineOperation<KeyRef, void>()({
  name: "EnableKey",
  decoder: operationDecoder(keyRef, asIs),
  encode: noOutput,
  state: "changes",
  keyForms: "key",
  ...keyInRequest,
  audit: change(keyOnly),
  answer: "empty"
})
