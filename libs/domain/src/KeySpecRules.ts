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
 * What each key spec may do (https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html): its usages and, per usage,
 * its algorithms. `availability` says whether this Region serves the spec:
 * SM2 exists only in AWS's China Regions (its SM2PKE / SM2DSA / SM3 have no
 * implementation here), so it is refused with UnsupportedOperation.
 */
export interface KeySpecRule {
  readonly availability: "served" | "china-regions-only"
  readonly usages: ReadonlyArray<KeyUsage>
  readonly encryptionAlgorithms: ReadonlyArray<EncryptionAlgorithm>
  readonly signingAlgorithms: ReadonlyArray<SigningAlgorithm>
  readonly macAlgorithms: ReadonlyArray<MacAlgorithm>
  readonly keyAgreementAlgorithms: ReadonlyArray<KeyAgreementAlgorithm>
}

const none = [] as const
const rsa: KeySpecRule = {
  availability: "served",
  usages: ["ENCRYPT_DECRYPT", "SIGN_VERIFY"],
  encryptionAlgorithms: ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"],
  signingAlgorithms: [
    "RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512",
    "RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512"
  ],
  macAlgorithms: none,
  keyAgreementAlgorithms: none
}
const nistCurve = (signing: SigningAlgorithm): KeySpecRule => ({
  availability: "served",
  usages: ["SIGN_VERIFY", "KEY_AGREEMENT"],
  encryptionAlgorithms: none,
  signingAlgorithms: [signing],
  macAlgorithms: none,
  keyAgreementAlgorithms: ["ECDH"]
})
const signingOnly = (signing: ReadonlyArray<SigningAlgorithm>): KeySpecRule => ({
  availability: "served",
  usages: ["SIGN_VERIFY"],
  encryptionAlgorithms: none,
  signingAlgorithms: signing,
  macAlgorithms: none,
  keyAgreementAlgorithms: none
})
const hmac = (mac: MacAlgorithm): KeySpecRule => ({
  availability: "served",
  usages: ["GENERATE_VERIFY_MAC"],
  encryptionAlgorithms: none,
  signingAlgorithms: none,
  macAlgorithms: [mac],
  keyAgreementAlgorithms: none
})

export const keySpecRules: { readonly [Spec in KeySpec]: KeySpecRule } = Object.freeze({
  SYMMETRIC_DEFAULT: {
    availability: "served",
    usages: ["ENCRYPT_DECRYPT"],
    encryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
    signingAlgorithms: none,
    macAlgorithms: none,
    keyAgreementAlgorithms: none
  },
  RSA_2048: rsa,
  RSA_3072: rsa,
  RSA_4096: rsa,
  ECC_NIST_P256: nistCurve("ECDSA_SHA_256"),
  ECC_NIST_P384: nistCurve("ECDSA_SHA_384"),
  ECC_NIST_P521: nistCurve("ECDSA_SHA_512"),
  ECC_SECG_P256K1: signingOnly(["ECDSA_SHA_256"]),
  ECC_NIST_EDWARDS25519: signingOnly(["ED25519_SHA_512", "ED25519_PH_SHA_512"]),
  ML_DSA_44: signingOnly(["ML_DSA_SHAKE_256"]),
  ML_DSA_65: signingOnly(["ML_DSA_SHAKE_256"]),
  ML_DSA_87: signingOnly(["ML_DSA_SHAKE_256"]),
  HMAC_224: hmac("HMAC_SHA_224"),
  HMAC_256: hmac("HMAC_SHA_256"),
  HMAC_384: hmac("HMAC_SHA_384"),
  HMAC_512: hmac("HMAC_SHA_512"),
  SM2: {
    availability: "china-regions-only",
    usages: ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "KEY_AGREEMENT"],
    encryptionAlgorithms: ["SM2PKE"],
    signingAlgorithms: ["SM2DSA"],
    macAlgorithms: none,
    keyAgreementAlgorithms: ["ECDH"]
  }
})

/**
 * How each signing algorithm takes its message (https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html, https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html): the message types
 * it accepts and the exact length of a DIGEST or EXTERNAL_MU message.
 */
export interface SigningAlgorithmRule {
  readonly messageTypes: ReadonlyArray<MessageType>
  /** Bytes of a MessageType DIGEST message (the hash length), where DIGEST is accepted. */
  readonly digestBytes: number | undefined
}
const rawOrDigest = (digestBytes: number): SigningAlgorithmRule => ({ messageTypes: ["RAW", "DIGEST"], digestBytes })

export const EXTERNAL_MU_BYTES = 64

export const signingAlgorithmRules: { readonly [Algorithm in SigningAlgorithm]: SigningAlgorithmRule } = Object.freeze({
  RSASSA_PSS_SHA_256: rawOrDigest(32),
  RSASSA_PSS_SHA_384: rawOrDigest(48),
  RSASSA_PSS_SHA_512: rawOrDigest(64),
  RSASSA_PKCS1_V1_5_SHA_256: rawOrDigest(32),
  RSASSA_PKCS1_V1_5_SHA_384: rawOrDigest(48),
  RSASSA_PKCS1_V1_5_SHA_512: rawOrDigest(64),
  ECDSA_SHA_256: rawOrDigest(32),
  ECDSA_SHA_384: rawOrDigest(48),
  ECDSA_SHA_512: rawOrDigest(64),
  SM2DSA: rawOrDigest(32),
  ML_DSA_SHAKE_256: { messageTypes: ["RAW", "EXTERNAL_MU"], digestBytes: undefined },
  ED25519_SHA_512: { messageTypes: ["RAW"], digestBytes: undefined },
  ED25519_PH_SHA_512: { messageTypes: ["DIGEST"], digestBytes: 64 }
})

/** Largest RSAES-OAEP plaintext: modulusBytes − 2·hashBytes − 2 (https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html). */
const modulusBytes = { RSA_2048: 256, RSA_3072: 384, RSA_4096: 512 } as const
const oaepHashBytes = { RSAES_OAEP_SHA_1: 20, RSAES_OAEP_SHA_256: 32 } as const
export const maxOaepPlaintext = (
  spec: keyof typeof modulusBytes,
  algorithm: keyof typeof oaepHashBytes
): number => modulusBytes[spec] - 2 * oaepHashBytes[algorithm] - 2

export const isRsaSpec = (spec: KeySpec): spec is keyof typeof modulusBytes => spec in modulusBytes

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
  spec === "SYMMETRIC_DEFAULT" ? "SYMMETRIC" : spec.startsWith("HMAC_") ? "HMAC" : "ASYMMETRIC"
