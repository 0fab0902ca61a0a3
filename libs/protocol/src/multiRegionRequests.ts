import { DescriptionType, KeyIdType, PolicyType, RegionType, TagList } from "./ModelShapes.ts"
import { asIs, type OperationDecoder, operationDecoder } from "./OperationDecoder.ts"
import { boolean, optional, required, structure } from "./WireShape.ts"

/**
 * Multi-Region key requests (aws-kms-api.md §3.9), members in model order.
 * The replica's policy, description and tags take CreateKey's shapes. Whether
 * a Region exists, holds a replica already or is the primary's is the
 * Region's rule.
 */
export const replicateKey: OperationDecoder<"ReplicateKey"> = operationDecoder(
  structure({
    keyId: required(KeyIdType),
    replicaRegion: required(RegionType),
    policy: optional(PolicyType),
    bypassPolicyLockoutSafetyCheck: optional(boolean),
    description: optional(DescriptionType),
    tags: optional(TagList)
  }),
  asIs
)

export const updatePrimaryRegion: OperationDecoder<"UpdatePrimaryRegion"> = operationDecoder(
  structure({ keyId: required(KeyIdType), primaryRegion: required(RegionType) }),
  asIs
)
