import { ml_dsa44, ml_dsa65, ml_dsa87 } from "@noble/post-quantum/ml-dsa.js"
import { type KeyObject, sign, verify } from "node:crypto"
import type { MlDsaVariant } from "./AsymmetricKeySpec.ts"

/**
 * ML-DSA (FIPS 204), ML_DSA_SHAKE_256 in AWS terms.
 *
 * - RAW: pure ML-DSA with an empty context (FIPS 204 Algorithm 2, hedged) on
 *   node:crypto. Node 24 bundles OpenSSL 3.5, the first OpenSSL with ML-DSA.
 * - EXTERNAL_MU: the caller hands in μ = SHAKE256(tr ‖ M′, 64) (FIPS 204 §6.2,
 *   Algorithm 7 line 6) and the signer starts after it. node:crypto has no way
 *   to pass μ, so this path is @noble/post-quantum's `internal.sign` /
 *   `internal.verify` with `externalMu`. AWS: "The signatures produced by the
 *   externally computed μ are the same as the RAW ones when using the same
 *   message and private key" (AWS KMS Developer Guide, ML-DSA keys): a μ made
 *   for pure ML-DSA with an empty context verifies as a RAW signature too.
 */

const noble = Object.freeze({ "ml-dsa-44": ml_dsa44, "ml-dsa-65": ml_dsa65, "ml-dsa-87": ml_dsa87 })

const variantOf = (key: KeyObject): MlDsaVariant => key.asymmetricKeyType as MlDsaVariant

/** The expanded secret key sk (FIPS 204 Algorithm 6) that noble signs with, from the 32-byte seed ξ. */
export const mlDsaExpandedSecret = (variant: MlDsaVariant, seed: Uint8Array): Uint8Array =>
  noble[variant].keygen(seed).secretKey

/** Signs; `expandedSecret` is computed lazily, for EXTERNAL_MU only (it costs a key generation). */
export const mlDsaSign = (
  key: KeyObject,
  expandedSecret: () => Uint8Array,
  externalMu: boolean,
  message: Uint8Array
): Uint8Array =>
  externalMu
    ? noble[variantOf(key)].internal.sign(message, expandedSecret(), { externalMu: true })
    : new Uint8Array(sign(null, message, key))

/** False for any signature that is not valid, malformed ones included; never throws. */
export const mlDsaVerify = (
  key: KeyObject,
  publicBytes: () => Uint8Array,
  externalMu: boolean,
  message: Uint8Array,
  signature: Uint8Array
): boolean => {
  try {
    return externalMu
      ? noble[variantOf(key)].internal.verify(signature, message, publicBytes(), { externalMu: true })
      : verify(null, message, key, signature)
  } catch {
    return false
  }
}
