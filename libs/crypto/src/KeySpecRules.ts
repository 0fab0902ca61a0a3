import { type AsymmetricKeySpec, asymmetricKeyParameters, type KeyAgreementAlgorithm } from "./asymmetric/AsymmetricKeySpec.ts"
import { oaepParameters, type RsaEncryptionAlgorithm, rsaEncryptionAlgorithms } from "./asymmetric/RsaEncryptionAlgorithm.ts"
import type { SigningAlgorithm } from "./asymmetric/SigningAlgorithm.ts"
import { type HmacKeySpec, hmacParameters, type MacAlgorithm } from "./hmac/HmacKeySpec.ts"

/**
 * The one table of key specs and their algorithms. @trent/domain takes its
 * enums and rules from here, so the values it checks a request against are
 * the very types this library's functions take.
 */

/** KeySpec, in the API model's order (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html). */
export const keySpecs = Object.freeze(
  [
    "RSA_2048",
    "RSA_3072",
    "RSA_4096",
    "ECC_NIST_P256",
    "ECC_NIST_P384",
    "ECC_NIST_P521",
    "ECC_SECG_P256K1",
    "SYMMETRIC_DEFAULT",
    "HMAC_224",
    "HMAC_256",
    "HMAC_384",
    "HMAC_512",
    "SM2",
    "ML_DSA_44",
    "ML_DSA_65",
    "ML_DSA_87",
    "ECC_NIST_EDWARDS25519"
  ] as const
)
export type KeySpec = (typeof keySpecs)[number]

/** KeyUsageType (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html). */
export const keyUsages = Object.freeze(["SIGN_VERIFY", "ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"] as const)
export type KeyUsage = (typeof keyUsages)[number]

/** EncryptionAlgorithmSpec (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html); SM2PKE is China Regions only. */
export const encryptionAlgorithms = Object.freeze(["SYMMETRIC_DEFAULT", ...rsaEncryptionAlgorithms, "SM2PKE"] as const)
export type EncryptionAlgorithm = (typeof encryptionAlgorithms)[number]

/** KeyAgreementAlgorithmSpec (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html). */
export const keyAgreementAlgorithms = Object.freeze(["ECDH"] as const satisfies ReadonlyArray<KeyAgreementAlgorithm>)

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

const none = Object.freeze([] as const)
const rsa: KeySpecRule = {
  availability: "served",
  usages: ["ENCRYPT_DECRYPT", "SIGN_VERIFY"],
  encryptionAlgorithms: rsaEncryptionAlgorithms,
  signingAlgorithms: [
    "RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512",
    "RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512"
  ],
  macAlgorithms: none,
  keyAgreementAlgorithms: none
}
/** ECDH is offered on the three NIST curves only, not on secp256k1; one ECDSA hash per curve. */
const nistCurve = (signing: SigningAlgorithm): KeySpecRule => ({
  availability: "served",
  usages: ["SIGN_VERIFY", "KEY_AGREEMENT"],
  encryptionAlgorithms: none,
  signingAlgorithms: [signing],
  macAlgorithms: none,
  keyAgreementAlgorithms: keyAgreementAlgorithms
})
const signingOnly = (signing: ReadonlyArray<SigningAlgorithm>): KeySpecRule => ({
  availability: "served",
  usages: ["SIGN_VERIFY"],
  encryptionAlgorithms: none,
  signingAlgorithms: signing,
  macAlgorithms: none,
  keyAgreementAlgorithms: none
})
/** An HMAC key spec has the one MAC algorithm of its parameters. */
const hmac = (spec: HmacKeySpec): KeySpecRule => ({
  availability: "served",
  usages: ["GENERATE_VERIFY_MAC"],
  encryptionAlgorithms: none,
  signingAlgorithms: none,
  macAlgorithms: [hmacParameters[spec].algorithm],
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
  HMAC_224: hmac("HMAC_224"),
  HMAC_256: hmac("HMAC_256"),
  HMAC_384: hmac("HMAC_384"),
  HMAC_512: hmac("HMAC_512"),
  SM2: {
    availability: "china-regions-only",
    usages: ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "KEY_AGREEMENT"],
    encryptionAlgorithms: ["SM2PKE"],
    signingAlgorithms: ["SM2DSA"],
    macAlgorithms: none,
    keyAgreementAlgorithms: keyAgreementAlgorithms
  }
})

/** The asymmetric specs this library holds private keys of (every one but China-only SM2). */
export const isAsymmetricKeySpec = (spec: KeySpec): spec is AsymmetricKeySpec => Object.hasOwn(asymmetricKeyParameters, spec)

export const isHmacKeySpec = (spec: KeySpec): spec is HmacKeySpec => Object.hasOwn(hmacParameters, spec)

export const isRsaEncryptionAlgorithm = (algorithm: EncryptionAlgorithm): algorithm is RsaEncryptionAlgorithm =>
  Object.hasOwn(oaepParameters, algorithm)
