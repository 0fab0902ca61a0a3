import { cryptographic, dataKeyPair, keyMaterialId } from "../auditRuleParts.ts"
import { keyInRequest, keyInResult } from "../keyReferences.ts"
import { DataKeyPairSpec, EncryptionContextType, GrantTokenList, KeyIdType } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { GenerateDataKeyPairRequest } from "../RegionRequests.ts"
import type { GenerateDataKeyPairResult } from "../RegionResults.ts"
import { boolean, optional, required, structure } from "../WireShape.ts"
import { blobToWire } from "../WireValues.ts"

type GenerateDataKeyPairWithoutPlaintextResult = Omit<GenerateDataKeyPairResult, "privateKeyPlaintext">

/** GenerateDataKeyPairWithoutPlaintext (https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPairWithoutPlaintext.html). */
export const GenerateDataKeyPairWithoutPlaintext = defineOperation<GenerateDataKeyPairRequest, GenerateDataKeyPairWithoutPlaintextResult>()({
  name: "GenerateDataKeyPairWithoutPlaintext",
  decoder: operationDecoder(
    structure({
      encryptionContext: optional(EncryptionContextType),
      keyId: required(KeyIdType),
      keyPairSpec: required(DataKeyPairSpec),
      grantTokens: optional(GrantTokenList),
      dryRun: optional(boolean)
    }),
    asIs
  ),
  encode: (result) => ({
    PrivateKeyCiphertextBlob: blobToWire(result.privateKeyCiphertextBlob),
    PublicKey: blobToWire(result.publicKey),
    KeyId: result.keyId,
    KeyPairSpec: result.keyPairSpec,
    KeyMaterialId: result.keyMaterialId
  }),
  state: "reads",
  keyForms: "any",
  ...keyInResult,
  ...keyInRequest,
  audit: cryptographic(dataKeyPair, keyMaterialId),
  tracksKeyUsage: true,
  usesSymmetricMaterial: true
})
