import { assert, describe, it, layer } from "@effect/vitest"
import { checkProperty } from "@trent/testing"
import { Effect, Exit } from "effect"
import { Hex } from "effect/encoding"
import * as fc from "fast-check"
import { AesGcmKey } from "./AesGcmKey.ts"
import { CIPHERTEXT_OVERHEAD, parseCiphertext } from "./CiphertextBlob.ts"
import type { EncryptionContext } from "./EncryptionContext.ts"
import { changedContextArbitrary, encryptionContextArbitrary, sameContext } from "./EncryptionContext.arbitrary.test-support.ts"
import { keyIdArbitrary } from "./KeyId.arbitrary.test-support.ts"
import { failureWithWebCrypto, runWithWebCrypto } from "./runWithWebCrypto.ts"
import { SecretBytes } from "./SecretBytes.ts"
import { decryptSymmetric, encryptSymmetric } from "./SymmetricEncryption.ts"
import { WebCrypto } from "./WebCrypto.ts"

const keyId = "1234abcd-12ab-34cd-56ef-1234567890ab"
const materialId = "ab".repeat(32)
const material = SecretBytes.adopt(Uint8Array.from({ length: 32 }, (_, i) => i))
const plaintext = new TextEncoder().encode("attack at dawn")

/** Plaintexts over the whole 1..4096 range (fast-check's default size would stay near 10 bytes). */
const plaintextArbitrary = (maxLength: number) =>
  fc.oneof(
    fc.uint8Array({ minLength: 1, maxLength: 16 }),
    fc.uint8Array({ minLength: 1, maxLength, size: "max" }),
    fc.constantFrom(1, maxLength).chain((length) => fc.uint8Array({ minLength: length, maxLength: length }))
  )

const materialArbitrary = fc.uint8Array({ minLength: 32, maxLength: 32 }).map(SecretBytes.adopt)
const materialIdArbitrary = fc.uint8Array({ minLength: 32, maxLength: 32 }).map(Hex.encode)

const parseAndDecrypt = (blob: Uint8Array, key: SecretBytes, context?: EncryptionContext) =>
  Effect.flatMap(parseCiphertext(blob), (ciphertext) => decryptSymmetric({ ciphertext, material: key, context }))

const sealed = (input: { readonly plaintext: Uint8Array; readonly context?: EncryptionContext }) =>
  encryptSymmetric({ keyId, materialId, material, ...input })

describe("encryptSymmetric / decryptSymmetric properties", () => {
  it("round-trips any 1..4096-byte plaintext under any context, key id and material", () =>
    checkProperty(
      "symmetric round trip",
      fc.asyncProperty(
        plaintextArbitrary(4096),
        encryptionContextArbitrary,
        keyIdArbitrary,
        materialIdArbitrary,
        materialArbitrary,
        async (message, context, id, matId, key) => {
          const blob = await runWithWebCrypto(
            encryptSymmetric({ keyId: id, materialId: matId, material: key, plaintext: message, context })
          )
          assert.strictEqual(blob.length, message.length + CIPHERTEXT_OVERHEAD)
          const parsed = await runWithWebCrypto(parseCiphertext(blob))
          assert.strictEqual(parsed.keyId, id)
          assert.strictEqual(parsed.materialId, matId)
          const opened = await runWithWebCrypto(decryptSymmetric({ ciphertext: parsed, material: key, context }))
          assert.deepStrictEqual(opened, message)
        }
      )
    ))

  it("rejects a single flipped bit anywhere in the blob as InvalidCiphertext", () =>
    checkProperty(
      "any bit flip → InvalidCiphertext",
      fc.asyncProperty(
        plaintextArbitrary(512),
        encryptionContextArbitrary,
        fc.nat(),
        async (message, context, bitSeed) => {
          const blob = await runWithWebCrypto(sealed({ plaintext: message, context }))
          const bit = bitSeed % (blob.length * 8)
          blob[bit >> 3] = (blob[bit >> 3] ?? 0) ^ (1 << (bit & 7))
          const error = await failureWithWebCrypto(parseAndDecrypt(blob, material, context))
          assert.strictEqual(error._tag, "InvalidCiphertext")
        }
      )
    ))

  it("rejects any change to the context (value, missing or extra pair, boundary shift) as InvalidCiphertext", () =>
    checkProperty(
      "any context change → InvalidCiphertext",
      fc.asyncProperty(
        encryptionContextArbitrary.chain((context) => fc.tuple(fc.constant(context), changedContextArbitrary(context))),
        async ([context, changed]) => {
          fc.pre(!sameContext(context, changed))
          const blob = await runWithWebCrypto(sealed({ plaintext, context }))
          const error = await failureWithWebCrypto(parseAndDecrypt(blob, material, changed))
          assert.strictEqual(error._tag, "InvalidCiphertext")
        }
      )
    ))

  it("rejects decryption with another key's material as InvalidCiphertext", () =>
    checkProperty(
      "other material → InvalidCiphertext",
      fc.asyncProperty(materialArbitrary, materialArbitrary, encryptionContextArbitrary, async (mine, other, context) => {
        fc.pre(!mine.equals(other))
        const blob = await runWithWebCrypto(encryptSymmetric({ keyId, materialId, material: mine, plaintext, context }))
        const error = await failureWithWebCrypto(parseAndDecrypt(blob, other, context))
        assert.strictEqual(error._tag, "InvalidCiphertext")
      })
    ))
})

layer(WebCrypto.layer)("encryptSymmetric / decryptSymmetric rules", (it) => {
  it.effect("accepts plaintexts of exactly 1 and 4096 bytes", () =>
    Effect.gen(function*() {
      for (const size of [1, 4096]) {
        const message = new Uint8Array(size).fill(7)
        const blob = yield* sealed({ plaintext: message })
        assert.strictEqual(blob.length, size + CIPHERTEXT_OVERHEAD)
        assert.deepStrictEqual(yield* parseAndDecrypt(blob, material), message)
      }
    }))

  it.effect.each([0, 4097, 6144])("rejects a %i-byte plaintext with InvalidCryptoParameter", (size) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(sealed({ plaintext: new Uint8Array(size) }))
      assert.strictEqual(error._tag, "InvalidCryptoParameter")
      assert.strictEqual(error.message, `plaintext must be 1 to 4096 bytes, got ${size}`)
    }))

  it.effect.each([
    "",
    "1234ABCD-12AB-34CD-56EF-1234567890AB",
    "1234abcd-12ab-34cd-56ef-1234567890ab0",
    "alias/my-key",
    "mrk-1234abcd-12ab-34cd-56ef-1234567890ab",
    "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  ])("rejects key id %j with InvalidCryptoParameter", (badKeyId) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(encryptSymmetric({ keyId: badKeyId, materialId, material, plaintext }))
      assert.strictEqual(error._tag, "InvalidCryptoParameter")
    }))

  it.effect.each(["", "ab".repeat(31), "AB".repeat(32), "zz".repeat(32), "ab".repeat(33)])(
    "rejects material id %j with InvalidCryptoParameter",
    (badMaterialId) =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(encryptSymmetric({ keyId, materialId: badMaterialId, material, plaintext }))
        assert.strictEqual(error._tag, "InvalidCryptoParameter")
      })
  )

  it.effect("rejects material that is not 32 bytes with InvalidCryptoParameter on encrypt", () =>
    Effect.gen(function*() {
      const short = SecretBytes.adopt(new Uint8Array(16))
      const error = yield* Effect.flip(encryptSymmetric({ keyId, materialId, material: short, plaintext }))
      assert.strictEqual(error._tag, "InvalidCryptoParameter")
    }))

  it.effect("treats material that is not 32 bytes as a defect on decrypt, not as a bad ciphertext", () =>
    Effect.gen(function*() {
      const blob = yield* sealed({ plaintext })
      const exit = yield* Effect.exit(parseAndDecrypt(blob, SecretBytes.adopt(new Uint8Array(16))))
      assert.isTrue(Exit.hasDies(exit))
    }))

  it.effect("treats an absent context and {} as the same context", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* parseAndDecrypt(yield* sealed({ plaintext }), material, {}), plaintext)
      assert.deepStrictEqual(yield* parseAndDecrypt(yield* sealed({ plaintext, context: {} }), material), plaintext)
    }))

  it.effect("accepts the context's pairs in any order", () =>
    Effect.gen(function*() {
      const blob = yield* sealed({ plaintext, context: { purpose: "test", team: "kms" } })
      assert.deepStrictEqual(yield* parseAndDecrypt(blob, material, { team: "kms", purpose: "test" }), plaintext)
    }))

  it.effect.each<readonly [string, EncryptionContext, EncryptionContext | undefined]>([
    ["a shifted boundary", { ab: "c" }, { a: "bc" }],
    ["a differently cased value", { purpose: "test" }, { purpose: "Test" }],
    ["a differently cased key", { purpose: "test" }, { Purpose: "test" }],
    ["an extra empty pair", {}, { a: "" }],
    ["a missing pair", { a: "1", b: "2" }, { a: "1" }],
    ["no context at all", { a: "1" }, undefined]
  ])("rejects %s as InvalidCiphertext", ([_, context, other]) =>
    Effect.gen(function*() {
      const blob = yield* sealed({ plaintext, context })
      const error = yield* Effect.flip(parseAndDecrypt(blob, material, other))
      assert.strictEqual(error._tag, "InvalidCiphertext")
    }))

  it.effect("refuses to bind a context holding a lone surrogate, and never decrypts with one", () =>
    Effect.gen(function*() {
      const encryptError = yield* Effect.flip(sealed({ plaintext, context: { a: "\uD800" } }))
      assert.strictEqual(encryptError._tag, "InvalidCryptoParameter")
      // TextEncoder writes U+FFFD for a lone surrogate; the two must not be interchangeable.
      const blob = yield* sealed({ plaintext, context: { a: "\uFFFD" } })
      const decryptError = yield* Effect.flip(parseAndDecrypt(blob, material, { a: "\uD800" }))
      assert.strictEqual(decryptError._tag, "InvalidCiphertext")
    }))

  it.effect("draws a fresh IV for every encryption", () =>
    Effect.gen(function*() {
      const first = yield* sealed({ plaintext })
      const second = yield* sealed({ plaintext })
      assert.notDeepEqual(first.subarray(69, 81), second.subarray(69, 81))
      assert.notDeepEqual(first, second)
    }))

  it.effect("lays the blob out as version | keyId | materialId | iv | ciphertext | tag", () =>
    Effect.gen(function*() {
      const blob = yield* encryptSymmetric({ keyId, materialId, material, plaintext })
      assert.strictEqual(blob[0], 0x01)
      assert.strictEqual(new TextDecoder().decode(blob.subarray(1, 37)), keyId)
      assert.strictEqual(Hex.encode(blob.subarray(37, 69)), materialId)
      assert.strictEqual(blob.length, 1 + 36 + 32 + 12 + plaintext.length + 16)
    }))

  it.effect("never returns the plaintext inside the blob", () =>
    Effect.gen(function*() {
      const blob = yield* sealed({ plaintext })
      assert.notInclude(Hex.encode(blob), Hex.encode(plaintext))
    }))
})

describe("encryptSymmetric / decryptSymmetric with an imported AesGcmKey", () => {
  it.effect("interoperates with raw key bytes in both directions and prints redacted", () =>
    Effect.gen(function*() {
      const material = SecretBytes.copy(new Uint8Array(32).fill(5))
      const key = yield* AesGcmKey.import(material)
      assert.strictEqual(String(key), "<AesGcmKey redacted>")
      assert.strictEqual(JSON.stringify({ key }), '{"key":"<AesGcmKey redacted>"}')
      const input = { keyId: "1234abcd-12ab-34cd-56ef-1234567890ab", materialId: "ab".repeat(32), plaintext: new Uint8Array([1, 2, 3]), context: { a: "b" } }
      const sealedWithKey = yield* encryptSymmetric({ ...input, material: key })
      const sealedWithBytes = yield* encryptSymmetric({ ...input, material })
      for (const blob of [sealedWithKey, sealedWithBytes]) {
        const parsed = yield* parseCiphertext(blob)
        assert.deepStrictEqual(yield* decryptSymmetric({ ciphertext: parsed, material, context: input.context }), input.plaintext)
        assert.deepStrictEqual(yield* decryptSymmetric({ ciphertext: parsed, material: key, context: input.context }), input.plaintext)
      }
      const wrongSize = yield* Effect.flip(AesGcmKey.import(SecretBytes.copy(new Uint8Array(16))))
      assert.strictEqual(wrongSize._tag, "InvalidCryptoParameter")
    }).pipe(Effect.provide(WebCrypto.layer)))
})
