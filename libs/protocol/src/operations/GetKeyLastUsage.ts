import { keyOnly, read } from "../auditRuleParts.ts"
import { keyInRequest, keyInResult } from "../keyReferences.ts"
import { KeyIdType } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { KeyRef } from "../RegionRequests.ts"
import type { KeyLastUsageResult } from "../RegionResults.ts"
import { required, structure } from "../WireShape.ts"
import { epochSeconds, wireObject } from "../WireValues.ts"

/** GetKeyLastUsage (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyLastUsage.html). */
export const GetKeyLastUsage = defineOperation<KeyRef, KeyLastUsageResult>()({
  name: "GetKeyLastUsage",
  /** GetKeyLastUsage takes a key id or key ARN (aws-kms-api.md §3.1). */
  decoder: operationDecoder(
    structure({ keyId: required(KeyIdType) }),
    asIs
  ),
  encode: (result) =>
    wireObject({
      KeyId: result.keyId,
      KeyLastUsage: result.keyLastUsage === undefined ? {} : {
        Operation: result.keyLastUsage.operation,
        Timestamp: epochSeconds(result.keyLastUsage.timestamp),
        CloudTrailEventId: result.keyLastUsage.cloudTrailEventId,
        KmsRequestId: result.keyLastUsage.kmsRequestId
      },
      TrackingStartDate: epochSeconds(result.trackingStartDate),
      KeyCreationDate: epochSeconds(result.keyCreationDate)
    }),
  state: "reads",
  keyForms: "key",
  ...keyInResult,
  ...keyInRequest,
  audit: read(keyOnly)
})
