import { fields } from "../auditRule.ts"
import { change, keyMetadata, keyPolicyChange, tags } from "../auditRuleParts.ts"
import { keyInRequest } from "../keyReferences.ts"
import { DescriptionType, KeyIdType, PolicyType, RegionType, TagList } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { ReplicateKeyRequest } from "../RegionRequests.ts"
import type { ReplicateKeyResult } from "../RegionResults.ts"
import { replicateKeyResult } from "../responseParts.ts"
import { boolean, optional, required, structure } from "../WireShape.ts"

/** ReplicateKey (https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html). */
export const ReplicateKey = defineOperation<ReplicateKeyRequest, ReplicateKeyResult>()({
  name: "ReplicateKey",
  /**
   * Members in model order; the replica's policy, description and tags take
   * CreateKey's shapes. Whether a Region exists, holds a replica already or is
   * the primary's is the Region's rule.
   */
  decoder: operationDecoder(
    structure({
      keyId: required(KeyIdType),
      replicaRegion: required(RegionType),
      policy: optional(PolicyType),
      bypassPolicyLockoutSafetyCheck: optional(boolean),
      description: optional(DescriptionType),
      tags: optional(TagList)
    }),
    asIs
  ),
  encode: replicateKeyResult,
  state: "changes",
  keyForms: "key",
  ...keyInRequest,
  otherRegion: (request) => request.replicaRegion,
  audit: change(
    fields({ keyId: "string", replicaRegion: "string", ...keyPolicyChange }),
    fields({ replicaKeyMetadata: keyMetadata, replicaPolicy: "string", replicaTags: tags })
  ),
  answer: "fromEvents"
})
