import { keySpecRules } from "../KeySpecRules.ts"
import type { AsymmetricKeySpec } from "./AsymmetricKeySpec.ts"

/** SigningAlgorithmSpec, all 13 AWS values (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html). SM2DSA fits no key spec Trent has. */
export const signingAlgorithms = Object.freeze(
  [
    "RSASSA_PSS_SHA_256",
    "RSASSA_PSS_SHA_384",
    "RSASSA_PSS_SHA_512",
    "RSASSA_PKCS1_V1_5_SHA_256",
    "RSASSA_PKCS1_V1_5_SHA_384",
    "RSASSA_PKCS1_V1_5_SHA_512",
    "ECDSA_SHA_256",
    "ECDSA_SHA_384",
    "ECDSA_SHA_512",
    "SM2DSA",
    "ML_DSA_SHAKE_256",
    "ED25519_SHA_512",
    "ED25519_PH_SHA_512"
  ] as const
)
export type SigningAlgorithm = (typeof signingAlgorithms)[number]

/** How Sign and Verify read Message (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html, MessageType). */
export const messageTypes = Object.freeze(["RAW", "DIGEST", "EXTERNAL_MU"] as const)
export type MessageType = (typeof messageTypes)[number]

export type HashName = "sha256" | "sha384" | "sha512"

/**
 * One signing algorithm's parameters: its scheme, its hash, the message types
 * it takes and the length a DIGEST or EXTERNAL_MU message must have (
 * https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html). For ML-DSA the hash is the SHAKE256 inside
 * FIPS 204 and `digestBytes` the length of μ.
 */
export type SigningAlgorithmParameters =
  & { readonly messageTypes: ReadonlyArray<MessageType>; readonly digestBytes: 32 | 48 | 64 }
  & (
    | { readonly scheme: "rsassa-pss" | "rsassa-pkcs1-v1_5" | "ecdsa"; readonly hash: HashName }
    | { readonly scheme: "ed25519" | "ed25519ph"; readonly hash: "sha512" }
    | { readonly scheme: "ml-dsa"; readonly hash: "shake256" }
    | { readonly scheme: "sm2dsa"; readonly hash: "sm3" }
  )

const rawOrDigest: ReadonlyArray<MessageType> = Object.freeze(["RAW", "DIGEST"])
const rawOrMu: ReadonlyArray<MessageType> = Object.freeze(["RAW", "EXTERNAL_MU"])
const rawOnly: ReadonlyArray<MessageType> = Object.freeze(["RAW"])
const digestOnly: ReadonlyArray<MessageType> = Object.freeze(["DIGEST"])

export const signingAlgorithmParameters: { readonly [A in SigningAlgorithm]: SigningAlgorithmParameters } = Object
  .freeze({
    RSASSA_PSS_SHA_256: { scheme: "rsassa-pss", hash: "sha256", messageTypes: rawOrDigest, digestBytes: 32 },
    RSASSA_PSS_SHA_384: { scheme: "rsassa-pss", hash: "sha384", messageTypes: rawOrDigest, digestBytes: 48 },
    RSASSA_PSS_SHA_512: { scheme: "rsassa-pss", hash: "sha512", messageTypes: rawOrDigest, digestBytes: 64 },
    RSASSA_PKCS1_V1_5_SHA_256: { scheme: "rsassa-pkcs1-v1_5", hash: "sha256", messageTypes: rawOrDigest, digestBytes: 32 },
    RSASSA_PKCS1_V1_5_SHA_384: { scheme: "rsassa-pkcs1-v1_5", hash: "sha384", messageTypes: rawOrDigest, digestBytes: 48 },
    RSASSA_PKCS1_V1_5_SHA_512: { scheme: "rsassa-pkcs1-v1_5", hash: "sha512", messageTypes: rawOrDigest, digestBytes: 64 },
    ECDSA_SHA_256: { scheme: "ecdsa", hash: "sha256", messageTypes: rawOrDigest, digestBytes: 32 },
    ECDSA_SHA_384: { scheme: "ecdsa", hash: "sha384", messageTypes: rawOrDigest, digestBytes: 48 },
    ECDSA_SHA_512: { scheme: "ecdsa", hash: "sha512", messageTypes: rawOrDigest, digestBytes: 64 },
    SM2DSA: { scheme: "sm2dsa", hash: "sm3", messageTypes: rawOrDigest, digestBytes: 32 },
    ML_DSA_SHAKE_256: { scheme: "ml-dsa", hash: "shake256", messageTypes: rawOrMu, digestBytes: 64 },
    // PureEdDSA needs the whole message; the prehash variant takes a 64-byte DIGEST only.
    ED25519_SHA_512: { scheme: "ed25519", hash: "sha512", messageTypes: rawOnly, digestBytes: 64 },
    ED25519_PH_SHA_512: { scheme: "ed25519ph", hash: "sha512", messageTypes: digestOnly, digestBytes: 64 }
  })

const signing = (spec: AsymmetricKeySpec): ReadonlyArray<SigningAlgorithm> => keySpecRules[spec].signingAlgorithms

/** The signing algorithms each key spec offers, as the key spec table has them (../KeySpecRules.ts). */
export const signingAlgorithmsBySpec: { readonly [S in AsymmetricKeySpec]: ReadonlyArray<SigningAlgorithm> } = Object
  .freeze({
    RSA_2048: signing("RSA_2048"),
    RSA_3072: signing("RSA_3072"),
    RSA_4096: signing("RSA_4096"),
    ECC_NIST_P256: signing("ECC_NIST_P256"),
    ECC_NIST_P384: signing("ECC_NIST_P384"),
    ECC_NIST_P521: signing("ECC_NIST_P521"),
    ECC_SECG_P256K1: signing("ECC_SECG_P256K1"),
    ECC_NIST_EDWARDS25519: signing("ECC_NIST_EDWARDS25519"),
    ML_DSA_44: signing("ML_DSA_44"),
    ML_DSA_65: signing("ML_DSA_65"),
    ML_DSA_87: signing("ML_DSA_87")
  })
