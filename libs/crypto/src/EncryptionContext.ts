import { concatBytes } from "./concatBytes.ts"
import { lengthPrefixed, u32BigEndian } from "./LengthPrefixedEncoding.ts"

/**
 * A KMS encryption context: a string-to-string map bound to a ciphertext as
 * additional authenticated data. It is not secret (AWS writes it to CloudTrail
 * in clear). Decrypt needs an exact, case-sensitive match of every pair; the
 * order of the pairs is irrelevant (AWS KMS API reference, "Encryption context").
 */
export type EncryptionContext = Readonly<Record<string, string>>

const utf8 = new TextEncoder()

const compareBytes = (a: Uint8Array, b: Uint8Array): number => {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d !== 0) return d
  }
  return a.length - b.length
}

/**
 * The canonical bytes of an encryption context, used as AAD:
 *
 *   u32 BE pair count, then for each pair sorted by the UTF-8 bytes of its key:
 *   u32 BE byte length ‖ UTF-8 key, u32 BE byte length ‖ UTF-8 value.
 *
 * Absent and `{}` are the same context (both encode as four zero bytes).
 * Sorting by UTF-8 bytes (code point order), not by JavaScript's UTF-16 order,
 * so that any other implementation of this format sorts the same way.
 *
 * The encoding is injective over well-formed strings. A lone surrogate has no
 * UTF-8 form (TextEncoder writes U+FFFD for it), so the symmetric functions
 * refuse contexts that are not well-formed; see {@link isWellFormedEncryptionContext}.
 */
export const canonicalEncryptionContext = (context: EncryptionContext | undefined): Uint8Array => {
  const pairs = Object.entries(context ?? {})
    .map(([key, value]) => [utf8.encode(key), utf8.encode(value)] as const)
    .sort(([a], [b]) => compareBytes(a, b))
  return concatBytes(u32BigEndian(pairs.length), lengthPrefixed(pairs.flat()))
}

/** True when every key and value is well-formed Unicode (no lone surrogates). */
export const isWellFormedEncryptionContext = (context: EncryptionContext | undefined): boolean =>
  Object.entries(context ?? {}).every(([key, value]) => key.isWellFormed() && value.isWellFormed())
