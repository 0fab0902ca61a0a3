import {
  DataKeyPairSpec,
  EncryptionContextType,
  GrantTokenList,
  KeyAgreementAlgorithmSpec,
  KeyIdType,
  MacAlgorithmSpec,
  MacType,
  MessageType,
  PlaintextType,
  PublicKeyType,
  RecipientInfo,
  SignatureType,
  SigningAlgorithmSpec
} from "./ModelShapes.ts"
import { asIs, type OperationDecoder, operationDecoder, refuseIfPresent } from "./OperationDecoder.ts"
import { boolean, optional, required, structure } from "./WireShape.ts"

/**
 * Requests for asymmetric, HMAC and key-agreement keys and for data key pairs
 * (aws-kms-api.md §3.2, §3.3), members in model order. Message is sensitive
 * like Plaintext: validation errors never echo it. Recipient (Nitro Enclaves
 * attestation) is validated, then refused.
 */
const NO_ATTESTATION = "Trent does not serve Nitro Enclaves attestation."

export const sign: OperationDecoder<"Sign"> = operationDecoder(
  structure({
    keyId: required(KeyIdType),
    message: required(PlaintextType),
    messageType: optional(MessageType),
    grantTokens: optional(GrantTokenList),
    signingAlgorithm: required(SigningAlgorithmSpec),
    dryRun: optional(boolean)
  }),
  asIs
)

export const verify: OperationDecoder<"Verify"> = operationDecoder(
  structure({
    keyId: required(KeyIdType),
    message: required(PlaintextType),
    messageType: optional(MessageType),
    signature: required(SignatureType),
    signingAlgorithm: required(SigningAlgorithmSpec),
    grantTokens: optional(GrantTokenList),
    dryRun: optional(boolean)
  }),
  asIs
)

export const getPublicKey: OperationDecoder<"GetPublicKey"> = operationDecoder(
  structure({ keyId: required(KeyIdType), grantTokens: optional(GrantTokenList) }),
  asIs
)

export const generateMac: OperationDecoder<"GenerateMac"> = operationDecoder(
  structure({
    message: required(PlaintextType),
    keyId: required(KeyIdType),
    macAlgorithm: required(MacAlgorithmSpec),
    grantTokens: optional(GrantTokenList),
    dryRun: optional(boolean)
  }),
  asIs
)

export const verifyMac: OperationDecoder<"VerifyMac"> = operationDecoder(
  structure({
    message: required(PlaintextType),
    keyId: required(KeyIdType),
    macAlgorithm: required(MacAlgorithmSpec),
    mac: required(MacType),
    grantTokens: optional(GrantTokenList),
    dryRun: optional(boolean)
  }),
  asIs
)

export const deriveSharedSecret: OperationDecoder<"DeriveSharedSecret"> = operationDecoder(
  structure({
    keyId: required(KeyIdType),
    keyAgreementAlgorithm: required(KeyAgreementAlgorithmSpec),
    publicKey: required(PublicKeyType),
    grantTokens: optional(GrantTokenList),
    dryRun: optional(boolean),
    recipient: optional(RecipientInfo)
  }),
  ({ recipient, ...request }) => refuseIfPresent("Recipient", recipient, NO_ATTESTATION, request),
  ["recipient"]
)

export const generateDataKeyPair: OperationDecoder<"GenerateDataKeyPair"> = operationDecoder(
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
)

export const generateDataKeyPairWithoutPlaintext: OperationDecoder<"GenerateDataKeyPairWithoutPlaintext"> = operationDecoder(
  structure({
    encryptionContext: optional(EncryptionContextType),
    keyId: required(KeyIdType),
    keyPairSpec: required(DataKeyPairSpec),
    grantTokens: optional(GrantTokenList),
    dryRun: optional(boolean)
  }),
  asIs
)
