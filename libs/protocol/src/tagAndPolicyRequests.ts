import { KeyIdType, limit, MarkerType, PolicyNameType, PolicyType, TagKeyList, TagList } from "./ModelShapes.ts"
import { asIs, type OperationDecoder, operationDecoder } from "./OperationDecoder.ts"
import { boolean, optional, required, structure } from "./WireShape.ts"

/** Tag and key policy requests (aws-kms-api.md §3.6, §3.8), members in model order. */
export const tagResource: OperationDecoder<"TagResource"> = operationDecoder(
  structure({ keyId: required(KeyIdType), tags: required(TagList) }),
  asIs
)

export const untagResource: OperationDecoder<"UntagResource"> = operationDecoder(
  structure({ keyId: required(KeyIdType), tagKeys: required(TagKeyList) }),
  asIs
)

export const listResourceTags: OperationDecoder<"ListResourceTags"> = operationDecoder(
  structure({ keyId: required(KeyIdType), limit: optional(limit(50)), marker: optional(MarkerType) }),
  asIs
)

export const putKeyPolicy: OperationDecoder<"PutKeyPolicy"> = operationDecoder(
  structure({
    keyId: required(KeyIdType),
    policyName: optional(PolicyNameType),
    policy: required(PolicyType),
    bypassPolicyLockoutSafetyCheck: optional(boolean)
  }),
  asIs
)

export const getKeyPolicy: OperationDecoder<"GetKeyPolicy"> = operationDecoder(
  structure({ keyId: required(KeyIdType), policyName: optional(PolicyNameType) }),
  asIs
)

export const listKeyPolicies: OperationDecoder<"ListKeyPolicies"> = operationDecoder(
  structure({ keyId: required(KeyIdType), limit: optional(limit(1000)), marker: optional(MarkerType) }),
  asIs
)
