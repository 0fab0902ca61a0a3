import { Result } from "effect"
import {
  CiphertextType,
  CustomKeyStoreIdType,
  DataKeySpec,
  DryRunModifierList,
  EncryptionAlgorithmSpec,
  EncryptionContextType,
  GrantTokenList,
  KeyIdType,
  NumberOfBytesType,
  PlaintextType,
  RecipientInfo
} from "./ModelShapes.ts"
import { asIs, type OperationDecoder, operationDecoder, refuseIfPresent } from "./OperationDecoder.ts"
import { boolean, optional, required, structure } from "./WireShape.ts"

/**
 * Cryptographic and data key requests (aws-kms-api.md §3.2, §3.3), members in
 * model order. CiphertextBlob is optional in the model: it may be left out with
 * DryRun + IGNORE_CIPHERTEXT, and the Region enforces that rule (§7.7).
 *
 * Recipient (Nitro Enclaves attestation, §2.3) is validated, then refused: the
 * Region cannot encrypt a response to an enclave's attested key.
 */
const NO_ATTESTATION = "Trent does not serve Nitro Enclaves attestation."

export const encrypt: OperationDecoder<"Encrypt"> = operationDecoder(
  structure({
    keyId: required(KeyIdType),
    plaintext: required(PlaintextType),
    encryptionContext: optional(EncryptionContextType),
    grantTokens: optional(GrantTokenList),
    encryptionAlgorithm: optional(EncryptionAlgorithmSpec),
    dryRun: optional(boolean)
  }),
  asIs
)

export const decrypt: OperationDecoder<"Decrypt"> = operationDecoder(
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
)

export const reEncrypt: OperationDecoder<"ReEncrypt"> = operationDecoder(
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
)

/** Exactly one of NumberOfBytes and KeySpec is the Region's rule (§7.11). */
export const generateDataKey: OperationDecoder<"GenerateDataKey"> = operationDecoder(
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
)

export const generateDataKeyWithoutPlaintext: OperationDecoder<"GenerateDataKeyWithoutPlaintext"> = operationDecoder(
  structure({
    keyId: required(KeyIdType),
    encryptionContext: optional(EncryptionContextType),
    keySpec: optional(DataKeySpec),
    numberOfBytes: optional(NumberOfBytesType),
    grantTokens: optional(GrantTokenList),
    dryRun: optional(boolean)
  }),
  asIs
)

/** NumberOfBytes is optional in the model; the Region answers its absence (`NumberOfBytes is required.`, obs). */
export const generateRandom: OperationDecoder<"GenerateRandom"> = operationDecoder(
  structure({
    numberOfBytes: optional(NumberOfBytesType),
    customKeyStoreId: optional(CustomKeyStoreIdType),
    recipient: optional(RecipientInfo)
  }),
  ({ numberOfBytes, customKeyStoreId, recipient }) =>
    Result.flatMap(
      refuseIfPresent("CustomKeyStoreId", customKeyStoreId, "Trent has no custom key stores.", numberOfBytes === undefined ? {} : { numberOfBytes }),
      (request) => refuseIfPresent("Recipient", recipient, NO_ATTESTATION, request)
    ),
  ["customKeyStoreId", "recipient"]
)
