import { fields } from "../auditRule.ts"
import { change } from "../auditRuleParts.ts"
import { keyInRequest } from "../keyReferences.ts"
import { KeyIdType, PolicyNameType, PolicyType } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { KeyRef } from "../RegionRequests.ts"
import { noOutput } from "../responseParts.ts"
import { boolean, optional, required, structure } from "../WireShape.ts"

type PutKeyPolicyRequest = KeyRef & {
    readonly policyName?: string | undefined
    readonly policy: string
    readonly bypassPolicyLockoutSafetyCheck?: boolean | undefined
  }

/** PutKeyPolicy (https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html). */
export const PutKeyPolicy = defineOperation<PutKeyPolicyRequest, void>()({
  name: "PutKeyPolicy",
  decoder: operationDecoder(
    structure({
      keyId: required(KeyIdType),
      policyName: optional(PolicyNameType),
      policy: required(PolicyType),
      bypassPolicyLockoutSafetyCheck: optional(boolean)
    }),
    asIs
  ),
  encode: noOutput,
  state: "changes",
  keyForms: "key",
  ...keyInRequest,
  // The policy text is kept, as in ct-put-key-policy.html.
  audit: change(
    fields({ keyId: "string", policyName: "string", policy: "string", bypassPolicyLockoutSafetyCheck: "boolean" })
  ),
  answer: "empty"
})
