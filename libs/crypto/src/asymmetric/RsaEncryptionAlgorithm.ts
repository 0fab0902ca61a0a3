import type { AsymmetricKeySpec } from "./AsymmetricKeySpec.ts"
import { asymmetricKeyParameters } from "./AsymmetricKeySpec.ts"

/** The RSA EncryptionAlgorithmSpec values (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html); SM2PKE is China-only and not offered. */
export const rsaEncryptionAlgorithms = Object.freeze(["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"] as const)
export type RsaEncryptionAlgorithm = (typeof rsaEncryptionAlgorithms)[number]

/** OAEP's hash, also used for MGF1, with an empty label (https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html). */
export const oaepParameters: {
  readonly [A in RsaEncryptionAlgorithm]: { readonly hash: "sha1" | "sha256"; readonly hashBytes: 20 | 32 }
} = Object.freeze({
  RSAES_OAEP_SHA_1: { hash: "sha1", hashBytes: 20 },
  RSAES_OAEP_SHA_256: { hash: "sha256", hashBytes: 32 }
})

/**
 * The largest plaintext RSA-OAEP takes: `modulusBytes − 2·hashBytes − 2`
 * (RFC 8017 §7.1.1; https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html), e.g. 190 bytes for
 * RSAES_OAEP_SHA_256 on RSA_2048. Undefined for a spec that is not RSA.
 */
export const oaepPlaintextLimit = (spec: AsymmetricKeySpec, algorithm: RsaEncryptionAlgorithm): number | undefined => {
  const parameters = asymmetricKeyParameters[spec]
  if (parameters.family !== "rsa") return undefined
  return parameters.modulusBits / 8 - 2 * oaepParameters[algorithm].hashBytes - 2
}
