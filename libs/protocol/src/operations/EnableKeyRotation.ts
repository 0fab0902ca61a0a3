import { fields } from "../auditRule.ts"
import { change } from "../auditRuleParts.ts"
import { keyInRequest } from "../keyReferences.ts"
import { KeyIdType, RotationPeriodInDaysType } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { KeyRef } from "../RegionRequests.ts"
import { noOutput } from "../responseParts.ts"
import { optional, required, structure } from "../WireShape.ts"

type EnableKeyRotationRequest = KeyRef & { readonly rotationPeriodInDays?: number | undefined }

/** EnableKeyRotation (https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html). */
export const EnableKeyRotation = defineOperation<EnableKeyRotationRequest, void>()({
  name: "EnableKeyRotation",
  /** Members in model order. */
  decoder: operationDecoder(
    structure({ keyId: required(KeyIdType), rotationPeriodInDays: optional(RotationPeriodInDaysType) }),
    asIs
  ),
  encode: noOutput,
  state: "changes",
  keyForms: "key",
  ...keyInRequest,
  audit: change(fields({ keyId: "string", rotationPeriodInDays: "number" })),
  answer: "empty"
})
