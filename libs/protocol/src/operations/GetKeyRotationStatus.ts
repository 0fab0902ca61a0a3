import { keyOnly, read } from "../auditRuleParts.ts"
import { keyRef } from "../keyLifecycleRequests.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { KeyRef } from "../RegionRequests.ts"
import { rotationStatus } from "../responseParts.ts"
import type { KeyRotationStatus } from "@trent/domain"

/** GetKeyRotationStatus (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html). */
export const GetKeyRotationStatus = defineOperation<KeyRef, KeyRotationStatus>()({
  name: "GetKeyRotationStatus",
  decoder: operationDecoder(keyRef, asIs),
  encode: rotationStatus,
  state: "reads",
  keyForms: "key",
  resultKeys: (result) => [result.keyId],
  requestKeys: (request) => [request.keyId],
  targetKey: (request) => request.keyId,
  audit: read(keyOnly)
})
