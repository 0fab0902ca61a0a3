import { Effect } from "effect"
import { aesGcmDecrypt, aesGcmEncrypt } from "./AesGcm.ts"
import {
  ciphertextHeaderPrefix,
  ciphertextParts,
  type ParsedCiphertext,
  SYMMETRIC_PLAINTEXT_MAX,
  SYMMETRIC_PLAINTEXT_MIN
} from "./CiphertextBlob.ts"
import { concatBytes } from "./concatBytes.ts"
import { InvalidCiphertext, InvalidCryptoParameter } from "./CryptoErrors.ts"
import {
  canonicalEncryptionContext,
  type EncryptionContext,
  isWellFormedEncryptionContext
} from "./EncryptionContext.ts"
import { isKeyId } from "./KeyId.ts"
import { isMaterialId } from "./MaterialId.ts"
import type { AesGcmKeyInput } from "./InsecureAesGcmWithIv.ts"
import type { WebCrypto } from "./WebCrypto.ts"

/**
 * Encrypt for SYMMETRIC_DEFAULT keys: AES-256-GCM under the key version's
 * material with a fresh random IV, returned as a ciphertext blob
 * (see CiphertextBlob.ts). AAD = header ‖ canonicalEncryptionContext(context).
 * Untraced: this is the Encrypt hot path, where a span costs as much as a check.
 */
export const encryptSymmetric = (input: {
  readonly keyId: string
  readonly materialId: string
  readonly material: AesGcmKeyInput
  readonly plaintext: Uint8Array
  readonly context?: EncryptionContext
}): Effect.Effect<Uint8Array, InvalidCryptoParameter, WebCrypto> => {
  const violation = encryptViolation(input)
  if (violation !== undefined) return Effect.fail(new InvalidCryptoParameter({ message: violation }))
  const prefix = ciphertextHeaderPrefix(input.keyId, input.materialId)
  const context = canonicalEncryptionContext(input.context)
  return Effect.map(
    aesGcmEncrypt(input.material, input.plaintext, (iv) => concatBytes(prefix, iv, context)),
    (box) => concatBytes(prefix, box.iv, box.ciphertext, box.tag)
  )
}

const encryptViolation = (input: {
  readonly keyId: string
  readonly materialId: string
  readonly plaintext: Uint8Array
  readonly context?: EncryptionContext
}): string | undefined => {
  const { length } = input.plaintext
  if (length < SYMMETRIC_PLAINTEXT_MIN || length > SYMMETRIC_PLAINTEXT_MAX) {
    return `plaintext must be ${SYMMETRIC_PLAINTEXT_MIN} to ${SYMMETRIC_PLAINTEXT_MAX} bytes, got ${length}`
  }
  if (!isKeyId(input.keyId)) return "keyId must be a 36-character key id (a UUID or mrk- and 32 hex digits)"
  if (!isMaterialId(input.materialId)) return "materialId must be 64 lowercase hex characters"
  if (!isWellFormedEncryptionContext(input.context)) return "encryption context must be well-formed Unicode"
  return undefined
}

/**
 * Decrypt for SYMMETRIC_DEFAULT keys. Every failure is the same reasonless
 * InvalidCiphertext: a flipped bit, other material, a changed, missing or extra
 * context pair. Material that is not 32 bytes is a defect (stored material of
 * another size is corruption, not a bad ciphertext), as in every AES-GCM use here.
 */
export const decryptSymmetric = (input: {
  readonly ciphertext: ParsedCiphertext
  readonly material: AesGcmKeyInput
  readonly context?: EncryptionContext
}): Effect.Effect<Uint8Array, InvalidCiphertext, WebCrypto> => {
  // An ill-formed context cannot have been bound at encryption (encryptSymmetric
  // refuses it), and its UTF-8 form would collide with the U+FFFD-substituted one.
  if (!isWellFormedEncryptionContext(input.context)) return Effect.fail(new InvalidCiphertext())
  const { header, box } = input.ciphertext[ciphertextParts]
  const aad = concatBytes(header, canonicalEncryptionContext(input.context))
  return aesGcmDecrypt(input.material, box, aad).pipe(
    Effect.catchTag("InvalidCryptoParameter", (error) => Effect.die(error))
  )
}
