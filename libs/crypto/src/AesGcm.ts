import { Effect } from "effect"
import { AES_256_GCM } from "./AesGcmParameters.ts"
import type { InvalidCiphertext, InvalidCryptoParameter } from "./CryptoErrors.ts"
import { type AesGcmKeyInput, type AesGcmSealed, insecureDecryptWithIv, insecureEncryptWithIv } from "./InsecureAesGcmWithIv.ts"
import { WebCrypto } from "./WebCrypto.ts"

/**
 * AES-256-GCM as Trent uses it: every encryption draws a fresh random 96-bit
 * IV from the injected CSPRNG, so no caller can reuse one. With random IVs a
 * key should seal at most 2^32 messages (NIST SP 800-38D §8.3); a key version
 * that reached that would have to be rotated long before.
 */
export interface AesGcmBox extends AesGcmSealed {
  readonly iv: Uint8Array
}

/**
 * Encrypts under a fresh IV. `aadFor` receives that IV, so a format whose
 * header carries the IV (the symmetric ciphertext blob) can authenticate the
 * header as written.
 */
export const aesGcmEncrypt = (
  key: AesGcmKeyInput,
  plaintext: Uint8Array,
  aadFor: (iv: Uint8Array) => Uint8Array
): Effect.Effect<AesGcmBox, InvalidCryptoParameter, WebCrypto> =>
  WebCrypto.use((crypto) => {
    const iv = crypto.getRandomValues(new Uint8Array(AES_256_GCM.ivBytes))
    return Effect.map(insecureEncryptWithIv({ key, iv, plaintext, aad: aadFor(iv) }), (sealed) => ({ iv, ...sealed }))
  })

export const aesGcmDecrypt = (
  key: AesGcmKeyInput,
  box: AesGcmBox,
  aad: Uint8Array
): Effect.Effect<Uint8Array, InvalidCiphertext | InvalidCryptoParameter, WebCrypto> =>
  insecureDecryptWithIv({ key, iv: box.iv, ciphertext: box.ciphertext, tag: box.tag, aad })
