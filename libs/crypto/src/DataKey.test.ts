import { assert, describe, it, layer } from "@effect/vitest"
import { Effect } from "effect"
import { dataKeySpecBytes, generateDataKey } from "./DataKey.ts"
import { SecretBytes } from "./SecretBytes.ts"
import { WebCrypto } from "./WebCrypto.ts"

describe("dataKeySpecBytes", () => {
  it("maps AES_128 to 16 bytes and AES_256 to 32 bytes, and nothing else", () => {
    assert.deepStrictEqual({ ...dataKeySpecBytes }, { AES_128: 16, AES_256: 32 })
  })

  it("is frozen", () => {
    assert.isTrue(Object.isFrozen(dataKeySpecBytes))
  })
})

layer(WebCrypto.layer)("generateDataKey", (it) => {
  it.effect.each([
    ["AES_128", dataKeySpecBytes.AES_128],
    ["AES_256", dataKeySpecBytes.AES_256]
  ] as const)("makes a %s data key of the spec's size", ([_, numberOfBytes]) =>
    Effect.gen(function*() {
      const key = yield* generateDataKey(numberOfBytes)
      assert.isTrue(key instanceof SecretBytes)
      assert.strictEqual(key.length, numberOfBytes)
    }))

  it.effect.each([1, 1024])("accepts NumberOfBytes %i", (numberOfBytes) =>
    Effect.gen(function*() {
      assert.strictEqual((yield* generateDataKey(numberOfBytes)).length, numberOfBytes)
    }))

  it.effect.each([0, 1025])("rejects NumberOfBytes %i with InvalidCryptoParameter", (numberOfBytes) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(generateDataKey(numberOfBytes))
      assert.strictEqual(error._tag, "InvalidCryptoParameter")
    }))

  it.effect("makes a different key every time", () =>
    Effect.gen(function*() {
      assert.isFalse((yield* generateDataKey(32)).equals(yield* generateDataKey(32)))
    }))
})
