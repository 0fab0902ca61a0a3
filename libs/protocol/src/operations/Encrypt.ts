import { fields } from "../auditRule.ts"
import { cryptoBase, cryptographic, keyMaterialId } from "../auditRuleParts.ts"
import { keyInRequest, keyInResult } from "../keyReferences.ts"
import {
  EncryptionAlgorithmSpec,
  EncryptionContextType,
  GrantTokenList,
  KeyIdType,
  PlaintextType
} from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { EncryptRequest } from "../RegionRequests.ts"
import type { EncryptResult } from "../RegionResults.ts"
import { boolean, optional, required, structure } from "../WireShape.ts"
import { blobToWire } from "../WireValues.ts"

/** Encrypt (https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html). */
export const Encrypt = defineOperation<EncryptRequest, EncryptResult>()({
  name: "Encrypt",
  decoder: operationDecoder(
    structure({
      keyId: required(KeyIdType),
      plaintext: required(PlaintextType),
      encryptionContext: optional(EncryptionContextType),
      grantTokens: optional(GrantTokenList),
      encryptionAlgorithm: optional(EncryptionAlgorithmSpec),
      dryRun: optional(boolean)
    }),
    asIs
  ),
  encode: (result) => ({
    CiphertextBlob: blobToWire(result.ciphertextBlob),
    KeyId: result.keyId,
    EncryptionAlgorithm: result.encryptionAlgorithm
  }),
  state: "reads",
  keyForms: "any",
  ...keyInResult,
  ...keyInRequest,
  // Grant tokens and the plaintext are dropped.
  audit: cryptographic(fields({ ...cryptoBase, encryptionAlgorithm: "string" }), keyMaterialId),
  tracksKeyUsage: true,
  usesSymmetricMaterial: true
})
