import { Result } from "effect"
import { Base64 } from "effect/encoding"

/**
 * Blobs travel as standard, padded base64 (RFC 4648 §4; aws-kms-api.md §1.2).
 * Decoding is strict, as AWS's is: the length is a multiple of four, padding only
 * at the end, no whitespace or URL-safe characters, and the unused bits of the
 * last character are zero, so each byte string has exactly one encoding. The
 * messages follow AWS's (Coral's) wording where it is known and never echo the
 * content, which may be a secret.
 */
const alphabet = /^[A-Za-z0-9+/]*$/
const sextet = (character: string): number =>
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".indexOf(character)

export const encodeBase64 = (bytes: Uint8Array): string => Base64.encode(bytes)

export const decodeBase64 = (text: string): Result.Result<Uint8Array, string> => {
  if (text.length % 4 !== 0) {
    return Result.fail(`Base64 encoded length is expected a multiple of 4 bytes but found: ${text.length}`)
  }
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0
  const data = text.slice(0, text.length - padding)
  if (!alphabet.test(data)) {
    return Result.fail("Base64 encoded value contains a character outside the standard alphabet")
  }
  if (padding > 0) {
    // The last data character carries 4 (one `=`: 2) meaningful bits; the rest must be zero.
    const unused = padding === 2 ? 0b1111 : 0b11
    if ((sextet(data.charAt(data.length - 1)) & unused) !== 0) {
      return Result.fail("Invalid last non-pad Base64 character detected")
    }
  }
  return Result.mapError(Base64.decode(text), () => "Base64 encoded value is not valid")
}
