import { Effect } from "effect"
import { AES_256_GCM } from "./AesGcmParameters.ts"
import { concatBytes } from "./concatBytes.ts"
import { InvalidCiphertext, InvalidCryptoParameter } from "./CryptoErrors.ts"
import { AesGcmKey } from "./AesGcmKey.ts"
import type { SecretBytes } from "./SecretBytes.ts"
import { type SubtleCrypto, WebCrypto } from "./WebCrypto.ts"

/**
 * AES-256-GCM with a caller-chosen IV. INSECURE FOR GENERAL USE: reusing an IV
 * under one key reveals the XOR of the plaintexts and lets an attacker forge
 * tags (NIST SP 800-38D §8). Only {@link ./AesGcm.ts} calls it in production,
 * always with a fresh random IV; known-answer tests call it with fixed IVs.
 * (After Tink's InsecureNonceAesGcmJce.)
 *
 * A SecretBytes key is imported into WebCrypto for the call and the CryptoKey
 * dropped afterwards; an AesGcmKey was imported once by its owner (a resident
 * key version), which keeps it only as long as it keeps the key itself.
 */
export interface AesGcmSealed {
  readonly ciphertext: Uint8Array
  readonly tag: Uint8Array
}

const tagBits = AES_256_GCM.tagBytes * 8

/** Raw key bytes, or a key already imported (its size was checked then). */
export type AesGcmKeyInput = SecretBytes | AesGcmKey

/** The parameters' sizes, checked without an Effect step (this is every Encrypt's path). */
const keyAndIvViolation = (key: AesGcmKeyInput, iv: Uint8Array): InvalidCryptoParameter | undefined => {
  if (!(key instanceof AesGcmKey) && key.length !== AES_256_GCM.keyBytes) {
    return new InvalidCryptoParameter({ message: `AES-GCM key must be ${AES_256_GCM.keyBytes} bytes, got ${key.length}` })
  }
  if (iv.length !== AES_256_GCM.ivBytes) {
    return new InvalidCryptoParameter({ message: `AES-GCM IV must be ${AES_256_GCM.ivBytes} bytes, got ${iv.length}` })
  }
  return undefined
}

const cryptoKeyOf = (subtle: SubtleCrypto, key: AesGcmKeyInput, usage: "encrypt" | "decrypt") =>
  key instanceof AesGcmKey
    ? key.unsafeCryptoKey()
    : subtle.importKey("raw", key.unsafeBytes(), { name: "AES-GCM" }, false, [usage])

export const insecureEncryptWithIv = (input: {
  readonly key: AesGcmKeyInput
  readonly iv: Uint8Array
  readonly plaintext: Uint8Array
  readonly aad: Uint8Array
}): Effect.Effect<AesGcmSealed, InvalidCryptoParameter, WebCrypto> => {
  const violation = keyAndIvViolation(input.key, input.iv)
  if (violation !== undefined) return Effect.fail(violation)
  return WebCrypto.use(({ subtle }) =>
    Effect.promise(async () => {
      const cryptoKey = await cryptoKeyOf(subtle, input.key, "encrypt")
      const sealed = new Uint8Array(
        await subtle.encrypt({ name: "AES-GCM", iv: input.iv, additionalData: input.aad, tagLength: tagBits }, cryptoKey, input.plaintext)
      )
      const split = sealed.length - AES_256_GCM.tagBytes
      return { ciphertext: sealed.subarray(0, split), tag: sealed.subarray(split) }
    })
  )
}

/**
 * Fails with InvalidCiphertext for any authentication failure, whatever
 * WebCrypto's reason (it is never passed on), and with InvalidCryptoParameter
 * for a key, IV or tag of an unsupported size.
 */
export const insecureDecryptWithIv = (input: {
  readonly key: AesGcmKeyInput
  readonly iv: Uint8Array
  readonly ciphertext: Uint8Array
  readonly tag: Uint8Array
  readonly aad: Uint8Array
}): Effect.Effect<Uint8Array, InvalidCiphertext | InvalidCryptoParameter, WebCrypto> => {
  const violation = keyAndIvViolation(input.key, input.iv) ??
    (input.tag.length === AES_256_GCM.tagBytes
      ? undefined
      : new InvalidCryptoParameter({ message: `AES-GCM tag must be ${AES_256_GCM.tagBytes} bytes, got ${input.tag.length}` }))
  if (violation !== undefined) return Effect.fail(violation)
  return WebCrypto.use(({ subtle }) =>
    Effect.tryPromise({
      try: async () => {
        const cryptoKey = await cryptoKeyOf(subtle, input.key, "decrypt")
        return new Uint8Array(
          await subtle.decrypt(
            { name: "AES-GCM", iv: input.iv, additionalData: input.aad, tagLength: tagBits },
            cryptoKey,
            concatBytes(input.ciphertext, input.tag)
          )
        )
      },
      catch: () => new InvalidCiphertext()
    })
  )
}
