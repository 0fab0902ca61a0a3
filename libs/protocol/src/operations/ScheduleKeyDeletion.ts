import { arnOfKey } from "@trent/domain"
import { fields } from "../auditRule.ts"
import { change } from "../auditRuleParts.ts"
import { keyInRequest, keyInResult } from "../keyReferences.ts"
import { KeyIdType, PendingWindowInDaysType } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { KeyRef } from "../RegionRequests.ts"
import type { ScheduleKeyDeletionResult } from "../RegionResults.ts"
import { optional, required, structure } from "../WireShape.ts"
import { optionalEpochSeconds, wireObject } from "../WireValues.ts"

type ScheduleKeyDeletionRequest = KeyRef & { readonly pendingWindowInDays?: number | undefined }

/** ScheduleKeyDeletion (https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html). */
export const ScheduleKeyDeletion = defineOperation<ScheduleKeyDeletionRequest, ScheduleKeyDeletionResult>()({
  name: "ScheduleKeyDeletion",
  decoder: operationDecoder(
    structure({ keyId: required(KeyIdType), pendingWindowInDays: optional(PendingWindowInDaysType) }),
    asIs
  ),
  encode: (result) =>
    wireObject({
      KeyId: result.keyId,
      DeletionDate: optionalEpochSeconds(result.deletionDate),
      KeyState: result.keyState,
      PendingWindowInDays: result.pendingWindowInDays
    }),
  state: "changes",
  keyForms: "key",
  ...keyInResult,
  ...keyInRequest,
  audit: change(
    fields({ keyId: "string", pendingWindowInDays: "number" }),
    fields({ keyId: "string", keyState: "string", deletionDate: "date", pendingWindowInDays: "number" })
  ),
  answer: (state) =>
    state.status === "PendingDeletion" || state.status === "PendingReplicaDeletion"
      ? {
        keyId: arnOfKey(state.key),
        // A multi-Region primary with replicas waits without a DeletionDate (aws-kms-api.md §7.1).
        deletionDate: state.status === "PendingDeletion" ? state.deletionDate : undefined,
        keyState: state.status,
        pendingWindowInDays: state.pendingWindowInDays
      }
      : undefined
})
