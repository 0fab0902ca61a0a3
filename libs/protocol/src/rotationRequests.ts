import { keyRef } from "./keyLifecycleRequests.ts"
import { IncludeKeyMaterial, KeyIdType, limit, MarkerType, RotationPeriodInDaysType } from "./ModelShapes.ts"
import { asIs, type OperationDecoder, operationDecoder } from "./OperationDecoder.ts"
import { optional, required, structure } from "./WireShape.ts"

/** Rotation requests (aws-kms-api.md §3.4), members in model order. */
export const enableKeyRotation: OperationDecoder<"EnableKeyRotation"> = operationDecoder(
  structure({ keyId: required(KeyIdType), rotationPeriodInDays: optional(RotationPeriodInDaysType) }),
  asIs
)

export const disableKeyRotation: OperationDecoder<"DisableKeyRotation"> = operationDecoder(keyRef, asIs)
export const getKeyRotationStatus: OperationDecoder<"GetKeyRotationStatus"> = operationDecoder(keyRef, asIs)
export const rotateKeyOnDemand: OperationDecoder<"RotateKeyOnDemand"> = operationDecoder(keyRef, asIs)

export const listKeyRotations: OperationDecoder<"ListKeyRotations"> = operationDecoder(
  structure({
    keyId: required(KeyIdType),
    includeKeyMaterial: optional(IncludeKeyMaterial),
    limit: optional(limit(1000)),
    marker: optional(MarkerType)
  }),
  asIs
)
