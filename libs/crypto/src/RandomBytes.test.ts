import { assert, layer } from "@effect/vitest"
import { Effect } from "effect"
import { generateRandomBytes } from "./RandomBytes.ts"
import { WebCrypto } from "./WebCrypto.ts"

layer(WebCrypto.layer)("generateRandomBytes (GenerateRandom)", (it) => {
  it.effect.each([1, 16, 1024])("returns exactly %i bytes", (numberOfBytes) =>
    Effect.gen(function*() {
      assert.strictEqual((yield* generateRandomBytes(numberOfBytes)).length, numberOfBytes)
    }))

  it.effect.each([0, 1025, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    "rejects NumberOfBytes %s with InvalidCryptoParameter",
    (numberOfBytes) =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(generateRandomBytes(numberOfBytes))
        assert.strictEqual(error._tag, "InvalidCryptoParameter")
        assert.strictEqual(error.message, `NumberOfBytes must be an integer from 1 to 1024, got ${numberOfBytes}`)
      })
  )

  it.effect("draws new bytes on every run", () =>
    Effect.gen(function*() {
      assert.notDeepEqual(yield* generateRandomBytes(32), yield* generateRandomBytes(32))
    }))

  it.effect("takes its randomness from the injected WebCrypto", () =>
    Effect.gen(function*() {
      const bytes = yield* generateRandomBytes(8).pipe(
        Effect.provideService(WebCrypto, {
          subtle: {} as WebCrypto["Service"]["subtle"],
          getRandomValues: (array) => array.fill(0x5a)
        })
      )
      assert.deepStrictEqual(bytes, new Uint8Array(8).fill(0x5a))
    }))
})
