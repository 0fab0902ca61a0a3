import { Effect } from "effect"
import { createHmac, createSecretKey, type KeyObject } from "node:crypto"
import { timingSafeEqual } from "../constantTime.ts"
import { IncompatibleAlgorithm, InvalidKeyMaterial } from "../CryptoErrors.ts"
import { randomBytes } from "../RandomBytes.ts"
import { SecretBytes } from "../SecretBytes.ts"
import type { WebCrypto } from "../WebCrypto.ts"
import { type HmacKeySpec, hmacParameters, type MacAlgorithm } from "./HmacKeySpec.ts"

const redacted = "<HmacKey redacted>"

/**
 * Fresh key material for an HMAC key spec, as long as its hash's output (28,
 * 32, 48 or 64 bytes), from the injected CSPRNG like all symmetric material.
 */
export const generateHmacKeyMaterial = (spec: HmacKeySpec): Effect.Effect<SecretBytes, never, WebCrypto> =>
  Effect.map(randomBytes(hmacParameters[spec].generatedKeyBytes), SecretBytes.adopt)

/**
 * An HMAC key (RFC 2104) held as an OpenSSL secret KeyObject, imported once
 * for its key version's life. GenerateMac returns the full, untruncated MAC;
 * VerifyMac compares in constant time and is false for a MAC of any other
 * length (https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html, https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html). node:crypto rather than WebCrypto
 * because its HMAC is synchronous: a MAC over ≤ 4096 bytes costs less than
 * the promise WebCrypto would wrap it in. Prints redacted.
 */
export class HmacKey {
  readonly spec: HmacKeySpec
  readonly #key: KeyObject

  private constructor(spec: HmacKeySpec, key: KeyObject) {
    this.spec = spec
    this.#key = key
  }

  /**
   * Takes key material of a length the spec accepts: generated material has
   * the hash's length; imported material may be longer, up to the block size
   * (HMAC_224 28–64, HMAC_256 32–64, HMAC_384 48–128, HMAC_512 64–128 bytes).
   */
  static fromBytes(spec: HmacKeySpec, material: SecretBytes): Effect.Effect<HmacKey, InvalidKeyMaterial> {
    return Effect.suspend(() => {
      const { minKeyBytes, maxKeyBytes } = hmacParameters[spec]
      if (material.length < minKeyBytes || material.length > maxKeyBytes) {
        return Effect.fail(
          new InvalidKeyMaterial({
            message: `${spec} key material must be ${minKeyBytes} to ${maxKeyBytes} bytes, got ${material.length}`
          })
        )
      }
      return Effect.succeed(new HmacKey(spec, createSecretKey(material.unsafeBytes())))
    })
  }

  #compute(algorithm: MacAlgorithm, message: Uint8Array): Uint8Array | IncompatibleAlgorithm {
    const parameters = hmacParameters[this.spec]
    if (algorithm !== parameters.algorithm) return IncompatibleAlgorithm.of(algorithm, this.spec)
    return new Uint8Array(createHmac(parameters.hash, this.#key).update(message).digest())
  }

  /** GenerateMac: the full HMAC of `message`; any algorithm but the spec's one is IncompatibleAlgorithm. */
  mac(algorithm: MacAlgorithm, message: Uint8Array): Effect.Effect<Uint8Array, IncompatibleAlgorithm> {
    return Effect.suspend(() => {
      const mac = this.#compute(algorithm, message)
      return mac instanceof Error ? Effect.fail(mac) : Effect.succeed(mac)
    })
  }

  /** VerifyMac: true only for the exact full MAC; a MAC of another length is false, not an error. */
  verifyMac(algorithm: MacAlgorithm, message: Uint8Array, mac: Uint8Array): Effect.Effect<boolean, IncompatibleAlgorithm> {
    return Effect.suspend(() => {
      const expected = this.#compute(algorithm, message)
      return expected instanceof Error ? Effect.fail(expected) : Effect.succeed(timingSafeEqual(expected, mac))
    })
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
