import { NO_ATTESTATION } from "../attestation.ts"
import { cryptographic, dataKeyPair, keyMaterialId } from "../auditRuleParts.ts"
import { keyInRequest, keyInResult } from "../keyReferences.ts"
import { DataKeyPairSpec, EncryptionContextType, GrantTokenList, KeyIdType, RecipientInfo } from "../ModelShapes.ts"
import { operationDecoder, refuseIfPresent } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { GenerateDataKeyPairRequest } from "../RegionRequests.ts"
import type { GenerateDataKeyPairResult } from "../RegionResults.ts"
import { boolean, optional, required, structure } from "../WireShape.ts"
import { blobToWire, secretToWire } from "../WireValues.ts"

/** GenerateDataKeyPair (https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPair.html). */
export const GenerateDataKeyPair = defineOperation<GenerateDataKeyPairRequest, GenerateDataKeyPairResult>()({
  name: "GenerateDataKeyPair",
  decoder: operationDecoder(
    structure({
      encryptionContext: optional(EncryptionContextType),
      keyId: required(KeyIdType),
      keyPairSpec: required(DataKeyPairSpec),
      grantTokens: optional(GrantTokenList),
      recipient: optional(RecipientInfo),
      dryRun: optional(boolean)
    }),
    ({ recipient, ...request }) => refuseIfPresent("Recipient", recipient, NO_ATTESTATION, request),
    ["recipient"]
  ),
  encode: (result) => ({
    PrivateKeyCiphertextBlob: blobToWire(result.privateKeyCiphertextBlob),
    PrivateKeyPlaintext: secretToWire(result.privateKeyPlaintext),
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
