import { Effect } from "effect"
import { AES_256_GCM } from "./AesGcmParameters.ts"
import type { InvalidCryptoParameter } from "./CryptoErrors.ts"
import { needs } from "./needs.ts"
import type { SecretBytes } from "./SecretBytes.ts"
import { type CryptoKey, WebCrypto } from "./WebCrypto.ts"

const redacted = "<AesGcmKey redacted>"

/**
 * An AES-256-GCM key imported once into WebCrypto as a non-extractable
 * CryptoKey, for keys used again and again (a key version resident in its
 * actor). Importing per call costs more than the encryption of a small
 * plaintext; a non-extractable CryptoKey also cannot hand its bytes back to
 * any caller. Prints redacted, like SecretBytes.
 */
export class AesGcmKey {
  readonly #cryptoKey: CryptoKey

  private constructor(cryptoKey: CryptoKey) {
    this.#cryptoKey = cryptoKey
  }

  static import(material: SecretBytes): Effect.Effect<AesGcmKey, InvalidCryptoParameter, WebCrypto> {
    return Effect.gen(function*() {
      yield* needs(
        material.length === AES_256_GCM.keyBytes,
        `AES-GCM key must be ${AES_256_GCM.keyBytes} bytes, got ${material.length}`
      )
      const { subtle } = yield* WebCrypto
      const cryptoKey = yield* Effect.promise(() =>
        subtle.importKey("raw", material.unsafeBytes(), { name: "AES-GCM" }, false, ["encrypt", "decrypt"])
      )
      return new AesGcmKey(cryptoKey)
    })
  }

  /** The WebCrypto handle, for the AES-GCM primitive only. */
  unsafeCryptoKey(): CryptoKey {
    return this.#cryptoKey
  }

  toString(): string {
    return redacted
  }

  toJSON(): string {
    return redacted
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return redacted
  }
}
