import type { KeyRotationStatus } from "@trent/domain"
import { keyOnly, read } from "../auditRuleParts.ts"
import { keyRef } from "../keyLifecycleRequests.ts"
import { keyInRequest, keyInResult } from "../keyReferences.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { KeyRef } from "../RegionRequests.ts"
import { rotationStatus } from "../responseParts.ts"

/** GetKeyRotationStatus (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html). */
export const GetKeyRotationStatus = defineOperation<KeyRef, KeyRotationStatus>()({
  name: "GetKeyRotationStatus",
  decoder: operationDecoder(keyRef, asIs),
  encode: rotationStatus,
  state: "reads",
  keyForms: "key",
  ...keyInResult,
  ...keyInRequest,
  audit: read(keyOnly)
})
