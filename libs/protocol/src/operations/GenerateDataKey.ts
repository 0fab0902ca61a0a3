import { NO_ATTESTATION } from "../attestation.ts"
import { cryptographic, dataKey, keyMaterialId } from "../auditRuleParts.ts"
import { keyInRequest, keyInResult } from "../keyReferences.ts"
import {
  DataKeySpec,
  EncryptionContextType,
  GrantTokenList,
  KeyIdType,
  NumberOfBytesType,
  RecipientInfo
} from "../ModelShapes.ts"
import { operationDecoder, refuseIfPresent } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { GenerateDataKeyRequest } from "../RegionRequests.ts"
import type { GenerateDataKeyResult } from "../RegionResults.ts"
import { boolean, optional, required, structure } from "../WireShape.ts"
import { blobToWire, secretToWire } from "../WireValues.ts"

/** GenerateDataKey (https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html). */
export const GenerateDataKey = defineOperation<GenerateDataKeyRequest, GenerateDataKeyResult>()({
  name: "GenerateDataKey",
  /** Exactly one of NumberOfBytes and KeySpec is the Region's rule (§7.11). */
  decoder: operationDecoder(
    structure({
      keyId: required(KeyIdType),
      encryptionContext: optional(EncryptionContextType),
      numberOfBytes: optional(NumberOfBytesType),
      keySpec: optional(DataKeySpec),
      grantTokens: optional(GrantTokenList),
      recipient: optional(RecipientInfo),
      dryRun: optional(boolean)
    }),
    ({ recipient, ...request }) => refuseIfPresent("Recipient", recipient, NO_ATTESTATION, request),
    ["recipient"]
  ),
  encode: (result) => ({
    CiphertextBlob: blobToWire(result.ciphertextBlob),
    Plaintext: secretToWire(result.plaintext),
    KeyId: result.keyId,
    KeyMaterialId: result.keyMaterialId
  }),
  state: "reads",
  keyForms: "any",
  ...keyInResult,
  ...keyInRequest,
  audit: cryptographic(dataKey, keyMaterialId),
  tracksKeyUsage: true,
  usesSymmetricMaterial: true
})
