import {
  isAsymmetricKeySpec,
  isHmacKeySpec,
  isRsaEncryptionAlgorithm,
  keySpecRules,
  oaepPlaintextLimit,
  signingAlgorithmParameters
} from "@trent/crypto"
import type {
  CustomerMasterKeySpec,
  EncryptionAlgorithm,
  KeyAgreementAlgorithm,
  KeySpec,
  KeyUsage,
  MacAlgorithm,
  MessageType,
  SigningAlgorithm
} from "./KeySpec.ts"
import { CustomerMasterKeySpecs } from "./KeySpec.ts"

/**
 * What each key spec may do, its usages and per usage its algorithms: the one
 * table lives in @trent/crypto (its KeySpecRules), beside the parameters the
 * cryptography takes; the rules here read it.
 */
export { type KeySpecRule, keySpecRules } from "@trent/crypto"

/**
 * How each signing algorithm takes its message (https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html): the message types
 * it accepts and the exact length of a DIGEST message, read from the
 * algorithm's parameters in @trent/crypto.
 */
export interface SigningAlgorithmRule {
  readonly messageTypes: ReadonlyArray<MessageType>
  /** Bytes of a MessageType DIGEST message (the hash length), where DIGEST is accepted. */
  readonly digestBytes: number | undefined
}
const ruleOf = (algorithm: SigningAlgorithm): SigningAlgorithmRule => {
  const { digestBytes, messageTypes } = signingAlgorithmParameters[algorithm]
  return { messageTypes, digestBytes: messageTypes.includes("DIGEST") ? digestBytes : undefined }
}

/** The length of an EXTERNAL_MU message: ML-DSA's μ (FIPS 204, Algorithm 7), 64 bytes. */
export const EXTERNAL_MU_BYTES = signingAlgorithmParameters.ML_DSA_SHAKE_256.digestBytes

export const signingAlgorithmRules: { readonly [Algorithm in SigningAlgorithm]: SigningAlgorithmRule } = Object.freeze({
  RSASSA_PSS_SHA_256: ruleOf("RSASSA_PSS_SHA_256"),
  RSASSA_PSS_SHA_384: ruleOf("RSASSA_PSS_SHA_384"),
  RSASSA_PSS_SHA_512: ruleOf("RSASSA_PSS_SHA_512"),
  RSASSA_PKCS1_V1_5_SHA_256: ruleOf("RSASSA_PKCS1_V1_5_SHA_256"),
  RSASSA_PKCS1_V1_5_SHA_384: ruleOf("RSASSA_PKCS1_V1_5_SHA_384"),
  RSASSA_PKCS1_V1_5_SHA_512: ruleOf("RSASSA_PKCS1_V1_5_SHA_512"),
  ECDSA_SHA_256: ruleOf("ECDSA_SHA_256"),
  ECDSA_SHA_384: ruleOf("ECDSA_SHA_384"),
  ECDSA_SHA_512: ruleOf("ECDSA_SHA_512"),
  SM2DSA: ruleOf("SM2DSA"),
  ML_DSA_SHAKE_256: ruleOf("ML_DSA_SHAKE_256"),
  ED25519_SHA_512: ruleOf("ED25519_SHA_512"),
  ED25519_PH_SHA_512: ruleOf("ED25519_PH_SHA_512")
})

/**
 * Largest RSAES-OAEP plaintext: modulusBytes − 2·hashBytes − 2 (https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html),
 * or undefined where the spec and algorithm are not RSA and RSAES-OAEP.
 */
export const maxOaepPlaintext = (spec: KeySpec, algorithm: EncryptionAlgorithm): number | undefined =>
  isAsymmetricKeySpec(spec) && isRsaEncryptionAlgorithm(algorithm) ? oaepPlaintextLimit(spec, algorithm) : undefined

/** The algorithm lists KeyMetadata and GetPublicKey show: only the one list that matches the key's usage. */
export interface KeyAlgorithms {
  readonly encryptionAlgorithms: ReadonlyArray<EncryptionAlgorithm> | undefined
  readonly signingAlgorithms: ReadonlyArray<SigningAlgorithm> | undefined
  readonly macAlgorithms: ReadonlyArray<MacAlgorithm> | undefined
  readonly keyAgreementAlgorithms: ReadonlyArray<KeyAgreementAlgorithm> | undefined
}

export const keyAlgorithms = (spec: KeySpec, usage: KeyUsage): KeyAlgorithms => {
  const rule = keySpecRules[spec]
  return {
    encryptionAlgorithms: usage === "ENCRYPT_DECRYPT" ? rule.encryptionAlgorithms : undefined,
    signingAlgorithms: usage === "SIGN_VERIFY" ? rule.signingAlgorithms : undefined,
    macAlgorithms: usage === "GENERATE_VERIFY_MAC" ? rule.macAlgorithms : undefined,
    keyAgreementAlgorithms: usage === "KEY_AGREEMENT" ? rule.keyAgreementAlgorithms : undefined
  }
}

/** The deprecated CustomerMasterKeySpec, where the spec has a value in that enum. */
export const customerMasterKeySpecOf = (spec: KeySpec): CustomerMasterKeySpec | undefined =>
  (CustomerMasterKeySpecs as ReadonlyArray<string>).includes(spec) ? spec as CustomerMasterKeySpec : undefined

/** The kind of key for UpdateAlias's same-kind rule and grant operations (https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html, https://docs.aws.amazon.com/kms/latest/developerguide/grants.html). */
export type KeyKind = "SYMMETRIC" | "ASYMMETRIC" | "HMAC"
export const keyKindOf = (spec: KeySpec): KeyKind =>
  spec === "SYMMETRIC_DEFAULT" ? "SYMMETRIC" : isHmacKeySpec(spec) ? "HMAC" : "ASYMMETRIC"
