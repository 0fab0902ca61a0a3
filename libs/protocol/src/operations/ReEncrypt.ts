import { fields } from "../auditRule.ts"
import { cryptographic } from "../auditRuleParts.ts"
import { keyOfCiphertext } from "../ciphertextKey.ts"
import {
  CiphertextType,
  DryRunModifierList,
  EncryptionAlgorithmSpec,
  EncryptionContextType,
  GrantTokenList,
  KeyIdType
} from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { ReEncryptRequest } from "../RegionRequests.ts"
import type { ReEncryptResult } from "../RegionResults.ts"
import { boolean, optional, required, structure } from "../WireShape.ts"
import { blobToWire, wireObject } from "../WireValues.ts"

/** ReEncrypt (https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html). */
export const ReEncrypt = defineOperation<ReEncryptRequest, ReEncryptResult>()({
  name: "ReEncrypt",
  decoder: operationDecoder(
    structure({
      ciphertextBlob: optional(CiphertextType),
      sourceEncryptionContext: optional(EncryptionContextType),
      sourceKeyId: optional(KeyIdType),
      destinationKeyId: required(KeyIdType),
      destinationEncryptionContext: optional(EncryptionContextType),
      sourceEncryptionAlgorithm: optional(EncryptionAlgorithmSpec),
      destinationEncryptionAlgorithm: optional(EncryptionAlgorithmSpec),
      grantTokens: optional(GrantTokenList),
      dryRun: optional(boolean),
      dryRunModifiers: optional(DryRunModifierList)
    }),
    asIs
  ),
  encode: (result) => wireObject({
    CiphertextBlob: blobToWire(result.ciphertextBlob),
    SourceKeyId: result.sourceKeyId,
    KeyId: result.keyId,
    SourceEncryptionAlgorithm: result.sourceEncryptionAlgorithm,
    DestinationEncryptionAlgorithm: result.destinationEncryptionAlgorithm,
    SourceKeyMaterialId: result.sourceKeyMaterialId,
    DestinationKeyMaterialId: result.destinationKeyMaterialId
  }),
  state: "reads",
  keyForms: "any",
  resultKeys: (result) => [result.sourceKeyId, result.keyId],
  requestKeys: (request) => [
    request.sourceKeyId,
    request.destinationKeyId,
    request.sourceKeyId === undefined ? keyOfCiphertext(request.ciphertextBlob) : undefined
  ],
  targetKey: (request) => request.destinationKeyId,
  audit: cryptographic(
    fields({
      sourceKeyId: "string",
      destinationKeyId: "string",
      sourceEncryptionContext: "stringMap",
      destinationEncryptionContext: "stringMap",
      sourceEncryptionAlgorithm: "string",
      destinationEncryptionAlgorithm: "string",
      dryRun: "boolean",
      dryRunModifiers: "stringList"
    }),
    fields({ sourceKeyMaterialId: "string", destinationKeyMaterialId: "string" })
  ),
  tracksKeyUsage: true,
  usesSymmetricMaterial: true
})
