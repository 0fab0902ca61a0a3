import { fields } from "../auditRule.ts"
import { read } from "../auditRuleParts.ts"
import { keyInRequest } from "../keyReferences.ts"
import { KeyIdType, PolicyNameType } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { KeyRef } from "../RegionRequests.ts"
import { optional, required, structure } from "../WireShape.ts"

type GetKeyPolicyRequest = KeyRef & { readonly policyName?: string | undefined }
type GetKeyPolicyResult = { readonly policy: string; readonly policyName: string }

/** GetKeyPolicy (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html). */
export const GetKeyPolicy = defineOperation<GetKeyPolicyRequest, GetKeyPolicyResult>()({
  name: "GetKeyPolicy",
  decoder: operationDecoder(
    structure({ keyId: required(KeyIdType), policyName: optional(PolicyNameType) }),
    asIs
  ),
  encode: (result) => ({ Policy: result.policy, PolicyName: result.policyName }),
  state: "reads",
  keyForms: "key",
  ...keyInRequest,
  audit: read(fields({ keyId: "string", policyName: "string" }))
})
