import { createDecipheriv } from "node:crypto"
import { InvalidCiphertext } from "../CryptoErrors.ts"
import { SecretBytes } from "../SecretBytes.ts"

/**
 * AES key wrap with padding (RFC 5649) on OpenSSL's `id-aes256-wrap-pad`, the
 * cipher AWS's import instructions use through `openssl enc`. The IV given to
 * OpenSSL is the 32-bit alternative initial value A65959A6 (RFC 5649 §3); the
 * 32-bit message length indicator and the zero padding are checked by OpenSSL
 * along with it.
 */
const ALTERNATIVE_INITIAL_VALUE = Buffer.from("A65959A6", "hex")

/** The key is AES-256's. */
export const AES_KWP_KEY_BYTES = 32

/**
 * RFC 5649 §4.1: the output is a whole number of 64-bit blocks, at least two
 * (one block of padded plaintext after the integrity check register); the
 * plaintext is at least one byte. OpenSSL would "unwrap" an empty input to an
 * empty plaintext, so the shape is checked here first.
 */
const isWellFormed = (wrapped: Uint8Array): boolean => wrapped.length >= 16 && wrapped.length % 8 === 0

/**
 * Unwraps `wrapped` under `key` (32 bytes). Every failure — a malformed
 * length, a key of the wrong size, a failed integrity check, a wrong key, a
 * flipped bit — is the same fieldless InvalidCiphertext. The whole input goes
 * to OpenSSL in one update, as its wrap mode requires.
 */
export const aesKwpUnwrap = (key: SecretBytes, wrapped: Uint8Array): SecretBytes | InvalidCiphertext => {
  if (key.length !== AES_KWP_KEY_BYTES || !isWellFormed(wrapped)) return new InvalidCiphertext()
  let head: Buffer | undefined
  let tail: Buffer | undefined
  try {
    const decipher = createDecipheriv("id-aes256-wrap-pad", key.unsafeBytes(), ALTERNATIVE_INITIAL_VALUE)
    head = decipher.update(wrapped)
    tail = decipher.final()
    const material = new Uint8Array(head.length + tail.length)
    material.set(head)
    material.set(tail, head.length)
    return material.length === 0 ? new InvalidCiphertext() : SecretBytes.adopt(material)
  } catch {
    return new InvalidCiphertext()
  } finally {
    head?.fill(0)
    tail?.fill(0)
  }
}
