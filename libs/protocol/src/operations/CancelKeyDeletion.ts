import { arnOfKey, isLiveKey } from "@trent/domain"
import { change, keyOnly } from "../auditRuleParts.ts"
import { keyRef } from "../keyLifecycleRequests.ts"
import { keyInRequest, keyInResult } from "../keyReferences.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { KeyRef } from "../RegionRequests.ts"
import { keyIdOnly } from "../responseParts.ts"

type CancelKeyDeletionResult = { readonly keyId: string }

/** CancelKeyDeletion (https://docs.aws.amazon.com/kms/latest/APIReference/API_CancelKeyDeletion.html). */
export const CancelKeyDeletion = defineOperation<KeyRef, CancelKeyDeletionResult>()({
  name: "CancelKeyDeletion",
  decoder: operationDecoder(keyRef, asIs),
  encode: keyIdOnly,
  state: "changes",
  keyForms: "key",
  ...keyInResult,
  ...keyInRequest,
  audit: change(keyOnly, keyOnly),
  answer: (state) => isLiveKey(state) ? { keyId: arnOfKey(state.key) } : undefined
})
