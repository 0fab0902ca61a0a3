import { assert, describe, it, layer } from "@effect/vitest"
import { Effect, Result, Schema } from "effect"
import { Hex } from "effect/encoding"
import { insecureDecryptWithIv, insecureEncryptWithIv } from "./InsecureAesGcmWithIv.ts"
import { SecretBytes } from "./SecretBytes.ts"
import wycheproofJson from "./vectors/aes_gcm_test.json" with { type: "json" }
import { WebCrypto } from "./WebCrypto.ts"

// Project Wycheproof AES-GCM vectors; source and licence in ./vectors/README.md.
const AeadTest = Schema.Struct({
  tcId: Schema.Number,
  comment: Schema.String,
  flags: Schema.Array(Schema.String),
  key: Schema.String,
  iv: Schema.String,
  aad: Schema.String,
  msg: Schema.String,
  ct: Schema.String,
  tag: Schema.String,
  result: Schema.Literals(["valid", "invalid"])
})
const AeadTestGroup = Schema.Struct({
  keySize: Schema.Number,
  ivSize: Schema.Number,
  tagSize: Schema.Number,
  tests: Schema.Array(AeadTest)
})
const AeadTestFile = Schema.Struct({
  algorithm: Schema.Literal("AES-GCM"),
  schema: Schema.Literal("aead_test_schema_v1.json"),
  numberOfTests: Schema.Number,
  testGroups: Schema.Array(AeadTestGroup)
})

const wycheproof = Schema.decodeUnknownSync(AeadTestFile)(wycheproofJson)

const isSupported = (group: typeof AeadTestGroup.Type): boolean =>
  group.keySize === 256 && group.ivSize === 96 && group.tagSize === 128

const casesOf = (groups: ReadonlyArray<typeof AeadTestGroup.Type>) =>
  groups.flatMap((group) => group.tests.map((test) => ({ group, test })))

const supported = casesOf(wycheproof.testGroups.filter(isSupported))
const unsupported = casesOf(wycheproof.testGroups.filter((group) => !isSupported(group)))

const hex = (text: string): Uint8Array => Result.getOrThrow(Hex.decode(text))

const nameOf = ({ tcId, comment }: typeof AeadTest.Type): string =>
  `tcId ${tcId}${comment === "" ? "" : ` (${comment})`}`

/** Wycheproof's sizes are in bits; the tag is the last tagSize/8 bytes of ct ‖ tag. */
const inputsOf = (test: typeof AeadTest.Type) => ({
  key: SecretBytes.adopt(hex(test.key)),
  iv: hex(test.iv),
  aad: hex(test.aad),
  plaintext: hex(test.msg),
  ciphertext: hex(test.ct),
  tag: hex(test.tag)
})

describe("Wycheproof aes_gcm_test.json coverage", () => {
  it("accounts for every case in the file as supported or asserted-rejected", () => {
    assert.strictEqual(supported.length + unsupported.length, wycheproof.numberOfTests)
    assert.strictEqual(supported.length, 66)
    assert.strictEqual(supported.filter(({ test }) => test.result === "invalid").length, 27)
  })
})

layer(WebCrypto.layer)("InsecureAesGcmWithIv on Wycheproof AES-256-GCM (96-bit IV, 128-bit tag)", (it) => {
  for (const { test } of supported) {
    if (test.result === "valid") {
      it.effect(`${nameOf(test)}: encrypts to ct ‖ tag and decrypts back to msg`, () =>
        Effect.gen(function*() {
          const input = inputsOf(test)
          const sealed = yield* insecureEncryptWithIv(input)
          assert.strictEqual(Hex.encode(sealed.ciphertext), test.ct)
          assert.strictEqual(Hex.encode(sealed.tag), test.tag)
          const opened = yield* insecureDecryptWithIv(input)
          assert.strictEqual(Hex.encode(opened), test.msg)
        }))
    } else {
      it.effect(`${nameOf(test)}: rejects as InvalidCiphertext`, () =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(insecureDecryptWithIv(inputsOf(test)))
          assert.strictEqual(error._tag, "InvalidCiphertext")
        }))
    }
  }
})

layer(WebCrypto.layer)("InsecureAesGcmWithIv rejects Wycheproof parameter sets it does not support", (it) => {
  for (const { group, test } of unsupported) {
    const sizes = `key ${group.keySize}, IV ${group.ivSize}, tag ${group.tagSize} bits`
    it.effect(`${nameOf(test)} [${sizes}]: encrypt and decrypt fail with InvalidCryptoParameter`, () =>
      Effect.gen(function*() {
        const input = inputsOf(test)
        const encryptError = yield* Effect.flip(insecureEncryptWithIv(input))
        const decryptError = yield* Effect.flip(insecureDecryptWithIv(input))
        assert.strictEqual(encryptError._tag, "InvalidCryptoParameter")
        assert.strictEqual(decryptError._tag, "InvalidCryptoParameter")
      }))
  }
})

layer(WebCrypto.layer)("InsecureAesGcmWithIv parameter checks", (it) => {
  const [first] = supported
  if (first === undefined) throw new Error("no supported Wycheproof case")
  const valid = inputsOf(first.test)

  it.effect.each([0, 4, 8, 12, 15, 17])("rejects a %i-byte tag on decrypt", (tagBytes) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(insecureDecryptWithIv({ ...valid, tag: new Uint8Array(tagBytes) }))
      assert.strictEqual(error._tag, "InvalidCryptoParameter")
      assert.include(error.message, "tag")
    }))

  it.effect.each([0, 16, 24, 31, 33, 64])("rejects a %i-byte key", (keyBytes) =>
    Effect.gen(function*() {
      const key = SecretBytes.adopt(new Uint8Array(keyBytes))
      const error = yield* Effect.flip(insecureEncryptWithIv({ ...valid, key }))
      assert.strictEqual(error._tag, "InvalidCryptoParameter")
      assert.strictEqual(error.message, `AES-GCM key must be 32 bytes, got ${keyBytes}`)
    }))

  it.effect.each([0, 8, 11, 13, 16])("rejects a %i-byte IV", (ivBytes) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(insecureEncryptWithIv({ ...valid, iv: new Uint8Array(ivBytes) }))
      assert.strictEqual(error._tag, "InvalidCryptoParameter")
    }))

  it.effect("never puts key bytes in a parameter error", () =>
    Effect.gen(function*() {
      const key = SecretBytes.adopt(Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i))
      const error = yield* Effect.flip(insecureEncryptWithIv({ ...valid, key }))
      assert.notInclude(JSON.stringify(error), "a0a1a2")
      assert.notInclude(error.message, "a0a1a2")
    }))
})
