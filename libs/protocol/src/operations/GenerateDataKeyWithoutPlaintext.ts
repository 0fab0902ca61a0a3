import { cryptographic, dataKey, keyMaterialId } from "../auditRuleParts.ts"
import { keyInRequest, keyInResult } from "../keyReferences.ts"
import { DataKeySpec, EncryptionContextType, GrantTokenList, KeyIdType, NumberOfBytesType } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { GenerateDataKeyRequest } from "../RegionRequests.ts"
import type { GenerateDataKeyResult } from "../RegionResults.ts"
import { boolean, optional, required, structure } from "../WireShape.ts"
import { blobToWire } from "../WireValues.ts"

type GenerateDataKeyWithoutPlaintextResult = Omit<GenerateDataKeyResult, "plaintext">

/** GenerateDataKeyWithoutPlaintext (https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyWithoutPlaintext.html). */
export const GenerateDataKeyWithoutPlaintext = defineOperation<GenerateDataKeyRequest, GenerateDataKeyWithoutPlaintextResult>()({
  name: "GenerateDataKeyWithoutPlaintext",
  decoder: operationDecoder(
    structure({
      keyId: required(KeyIdType),
      encryptionContext: optional(EncryptionContextType),
      keySpec: optional(DataKeySpec),
      numberOfBytes: optional(NumberOfBytesType),
      grantTokens: optional(GrantTokenList),
      dryRun: optional(boolean)
    }),
    asIs
  ),
  encode: (result) => ({
    CiphertextBlob: blobToWire(result.ciphertextBlob),
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
