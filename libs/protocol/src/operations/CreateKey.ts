import { isLiveKey, type KeyMetadata, keyMetadata as metadataOf } from "@trent/domain"
import { fields } from "../auditRule.ts"
import { keyMetadata, keyPolicyChange } from "../auditRuleParts.ts"
import { encodeKeyMetadata } from "../encodeKeyMetadata.ts"
import { createKeyInput } from "../keyLifecycleRequests.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { CreateKeyRequest } from "../RegionRequests.ts"

/** CreateKey (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html). */
export const CreateKey = defineOperation<CreateKeyRequest, KeyMetadata>()({
  name: "CreateKey",
  decoder: operationDecoder(createKeyInput, asIs),
  encode: (metadata) => ({ KeyMetadata: encodeKeyMetadata(metadata) }),
  state: "changes",
  keyForms: "key",
  resultKeys: (metadata) => [metadata.arn],
  audit: {
    readOnly: false,
    request: fields({
      ...keyPolicyChange,
      keyUsage: "string",
      keySpec: "string",
      customerMasterKeySpec: "string",
      origin: "string",
      multiRegion: "boolean",
      customKeyStoreId: "string",
      xksKeyId: "string"
    }),
    response: keyMetadata,
    responseKey: "keyMetadata"
  },
  answer: (state) => isLiveKey(state) ? metadataOf(state) : undefined
})
