import type { RsaEncryptionAlgorithm } from "../asymmetric/RsaEncryptionAlgorithm.ts"

/** AlgorithmSpec, every AWS wrapping algorithm (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetParametersForImport.html). */
export const wrappingAlgorithms = Object.freeze(
  ["RSAES_PKCS1_V1_5", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256", "SM2PKE"] as const
)
export type WrappingAlgorithm = (typeof wrappingAlgorithms)[number]

/**
 * The wrapping algorithms (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html, AlgorithmSpec) that
 * Trent unwraps. RSAES_PKCS1_V1_5 (withdrawn by AWS on 2023-10-10) and SM2PKE
 * (China Regions only) are left out: the caller refuses them before asking
 * for an unwrap.
 */
export const importWrappingAlgorithms = Object.freeze(
  ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256"] as const
)
export type ImportWrappingAlgorithm = (typeof importWrappingAlgorithms)[number]

/**
 * How each algorithm wraps (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html):
 *
 * - `oaep`: the material itself under RSA-OAEP, with the named hash for both
 *   OAEP and MGF1 and an empty label — exactly Trent's Decrypt with that
 *   EncryptionAlgorithm, so the OAEP rules are shared.
 * - `oaep-then-aes-kwp`: a fresh AES-256 key under that RSA-OAEP (the first
 *   modulus-length bytes), then the material under AES key wrap with padding
 *   (RFC 5649) with that key. Needed for material longer than OAEP can carry,
 *   such as RSA private keys.
 */
export interface ImportWrappingParameters {
  readonly construction: "oaep" | "oaep-then-aes-kwp"
  readonly oaep: RsaEncryptionAlgorithm
}

export const importWrappingParameters: { readonly [A in ImportWrappingAlgorithm]: ImportWrappingParameters } = Object.freeze({
  RSAES_OAEP_SHA_1: { construction: "oaep", oaep: "RSAES_OAEP_SHA_1" },
  RSAES_OAEP_SHA_256: { construction: "oaep", oaep: "RSAES_OAEP_SHA_256" },
  RSA_AES_KEY_WRAP_SHA_1: { construction: "oaep-then-aes-kwp", oaep: "RSAES_OAEP_SHA_1" },
  RSA_AES_KEY_WRAP_SHA_256: { construction: "oaep-then-aes-kwp", oaep: "RSAES_OAEP_SHA_256" }
})

export const isImportWrappingAlgorithm = (algorithm: WrappingAlgorithm): algorithm is ImportWrappingAlgorithm =>
  Object.hasOwn(importWrappingParameters, algorithm)
