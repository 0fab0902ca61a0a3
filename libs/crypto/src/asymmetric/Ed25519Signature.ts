import { ed25519ph } from "@noble/curves/ed25519.js"
import { type KeyObject, sign, verify } from "node:crypto"

/**
 * Ed25519 (RFC 8032 §5.1), 64-byte signatures.
 *
 * - ED25519_SHA_512 is PureEdDSA over a RAW message: node:crypto (OpenSSL).
 * - ED25519_PH_SHA_512 is HashEdDSA (Ed25519ph) over a 64-byte DIGEST message,
 *   and AWS KMS hashes that message again: "When you specify the
 *   ED25519_PH_SHA_512 signing algorithm with MessageType:DIGEST, KMS still
 *   performs the SHA-512 prehash described in Step 1 of Section 7.8.1 in FIPS
 *   186-5. This means the input is hashed twice: once by you and once by KMS."
 *   (AWS KMS API Reference, Sign, MessageType; the same text in the API model's
 *   SignRequest). So the signature is standard Ed25519ph with M = the 64 bytes
 *   given, PH(M) = SHA-512(M): any Ed25519ph verifier accepts it for that M.
 *   node:crypto does not expose Ed25519ph, so this path is @noble/curves'
 *   `ed25519ph`, verifying strictly (RFC 8032, not ZIP-215).
 */

/** Signs; `seed` (the 32-byte private key) is read lazily, for Ed25519ph only. */
export const ed25519Sign = (key: KeyObject, seed: () => Uint8Array, prehashed: boolean, message: Uint8Array): Uint8Array =>
  prehashed ? ed25519ph.sign(message, seed()) : new Uint8Array(sign(null, message, key))

/** False for any signature that is not valid, malformed ones included; never throws. */
export const ed25519Verify = (
  key: KeyObject,
  publicBytes: () => Uint8Array,
  prehashed: boolean,
  message: Uint8Array,
  signature: Uint8Array
): boolean => {
  if (signature.length !== 64) return false
  try {
    return prehashed
      ? ed25519ph.verify(signature, message, publicBytes(), { zip215: false })
      : verify(null, message, key, signature)
  } catch {
    return false
  }
}
