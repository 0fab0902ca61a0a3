import { Effect } from "effect"
import { aesGcmDecrypt, aesGcmEncrypt } from "./AesGcm.ts"
import { AES_256_GCM } from "./AesGcmParameters.ts"
import { concatBytes } from "./concatBytes.ts"
import { KeyUnwrapFailed } from "./CryptoErrors.ts"
import { lengthPrefixed } from "./LengthPrefixedEncoding.ts"
import { SecretBytes } from "./SecretBytes.ts"
import type { WebCrypto } from "./WebCrypto.ts"

/**
 * Key material at rest: AES-256-GCM under a per-key KEK. The AAD binds where the material belongs, so
 * wrapped material copied to another region, key, version or algorithm fails
 * to unwrap instead of silently becoming that key's material.
 *
 *   wrapped = formatVersion (1 byte, 0x01) | iv (12) | ciphertext | tag (16)
 *   AAD     = formatVersion ‖ length-prefixed(label, region, keyId, versionId, algorithm)
 *
 * The label keeps this AAD apart from any other use of AES-GCM in Trent.
 */
export interface WrapBinding {
  readonly region: string
  readonly keyId: string
  readonly versionId: string
  readonly algorithm: string
}

const WRAP_FORMAT_VERSION = 0x01
const label = "trent/key-material-wrap"
const ivOffset = 1
const ciphertextOffset = ivOffset + AES_256_GCM.ivBytes
const minimumLength = ciphertextOffset + AES_256_GCM.tagBytes

const utf8 = new TextEncoder()

const isWellFormedBinding = (binding: WrapBinding): boolean =>
  [binding.region, binding.keyId, binding.versionId, binding.algorithm].every((field) => field.isWellFormed())

const wrapAad = (binding: WrapBinding): Uint8Array =>
  concatBytes(
    Uint8Array.of(WRAP_FORMAT_VERSION),
    lengthPrefixed([label, binding.region, binding.keyId, binding.versionId, binding.algorithm].map((field) =>
      utf8.encode(field)
    ))
  )

/**
 * Wraps `material` under `kek`. A KEK that is not 32 bytes, or a binding field
 * that is not well-formed Unicode, is a defect: both come from Trent itself.
 */
export const wrapKeyMaterial = Effect.fn("wrapKeyMaterial")(function*(
  kek: SecretBytes,
  material: SecretBytes,
  binding: WrapBinding
): Effect.fn.Return<Uint8Array, never, WebCrypto> {
  if (!isWellFormedBinding(binding)) {
    return yield* Effect.die(new Error("WrapBinding fields must be well-formed Unicode"))
  }
  const box = yield* aesGcmEncrypt(kek, material.unsafeBytes(), () => wrapAad(binding)).pipe(
    Effect.catchTag("InvalidCryptoParameter", (error) => Effect.die(error))
  )
  return concatBytes(Uint8Array.of(WRAP_FORMAT_VERSION), box.iv, box.ciphertext, box.tag)
})

/** Unwraps material wrapped for exactly this binding; anything else is KeyUnwrapFailed. */
export const unwrapKeyMaterial = Effect.fn("unwrapKeyMaterial")(function*(
  kek: SecretBytes,
  wrapped: Uint8Array,
  binding: WrapBinding
): Effect.fn.Return<SecretBytes, KeyUnwrapFailed, WebCrypto> {
  if (wrapped.length < minimumLength || wrapped[0] !== WRAP_FORMAT_VERSION || !isWellFormedBinding(binding)) {
    return yield* new KeyUnwrapFailed()
  }
  const bytes = wrapped.slice()
  const tagOffset = bytes.length - AES_256_GCM.tagBytes
  const box = {
    iv: bytes.subarray(ivOffset, ciphertextOffset),
    ciphertext: bytes.subarray(ciphertextOffset, tagOffset),
    tag: bytes.subarray(tagOffset)
  }
  const material = yield* aesGcmDecrypt(kek, box, wrapAad(binding)).pipe(
    Effect.catchTags({
      InvalidCiphertext: () => Effect.fail(new KeyUnwrapFailed()),
      InvalidCryptoParameter: (error) => Effect.die(error)
    })
  )
  return SecretBytes.adopt(material)
})
