import { NO_ATTESTATION } from "../attestation.ts"
import { fields } from "../auditRule.ts"
import { cryptoBase, cryptographic, keyMaterialId, recipient } from "../auditRuleParts.ts"
import { keyOfCiphertext } from "../ciphertextKey.ts"
import { keyInResult } from "../keyReferences.ts"
import {
  CiphertextType,
  DryRunModifierList,
  EncryptionAlgorithmSpec,
  EncryptionContextType,
  GrantTokenList,
  KeyIdType,
  RecipientInfo
} from "../ModelShapes.ts"
import { operationDecoder, refuseIfPresent } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { DecryptRequest } from "../RegionRequests.ts"
import type { DecryptResult } from "../RegionResults.ts"
import { boolean, optional, structure } from "../WireShape.ts"
import { secretToWire, wireObject } from "../WireValues.ts"

/** Decrypt (https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html). */
export const Decrypt = defineOperation<DecryptRequest, DecryptResult>()({
  name: "Decrypt",
  decoder: operationDecoder(
    structure({
      ciphertextBlob: optional(CiphertextType),
      encryptionContext: optional(EncryptionContextType),
      grantTokens: optional(GrantTokenList),
      keyId: optional(KeyIdType),
      encryptionAlgorithm: optional(EncryptionAlgorithmSpec),
      recipient: optional(RecipientInfo),
      dryRun: optional(boolean),
      dryRunModifiers: optional(DryRunModifierList)
    }),
    ({ recipient, ...request }) => refuseIfPresent("Recipient", recipient, NO_ATTESTATION, request),
    ["recipient"]
  ),
  encode: (result) =>
    wireObject({
      KeyId: result.keyId,
      Plaintext: secretToWire(result.plaintext),
      EncryptionAlgorithm: result.encryptionAlgorithm,
      KeyMaterialId: result.keyMaterialId
    }),
  state: "reads",
  keyForms: "any",
  ...keyInResult,
  requestKeys: (request) => [request.keyId ?? keyOfCiphertext(request.ciphertextBlob)],
  targetKey: (request) => request.keyId,
  audit: cryptographic(
    fields({ ...cryptoBase, encryptionAlgorithm: "string", dryRunModifiers: "stringList", recipient }),
    keyMaterialId
  ),
  tracksKeyUsage: true,
  usesSymmetricMaterial: true
})
