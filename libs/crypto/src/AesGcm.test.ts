import { assert, layer } from "@effect/vitest"
import { Effect } from "effect"
import { aesGcmDecrypt, aesGcmEncrypt } from "./AesGcm.ts"
import { SecretBytes } from "./SecretBytes.ts"
import { WebCrypto } from "./WebCrypto.ts"

const key = SecretBytes.adopt(new Uint8Array(32).fill(1))
const plaintext = Uint8Array.of(1, 2, 3, 4)
const aad = Uint8Array.of(9)

layer(WebCrypto.layer)("aesGcmEncrypt / aesGcmDecrypt", (it) => {
  it.effect("round-trips with the AAD it was sealed under", () =>
    Effect.gen(function*() {
      const box = yield* aesGcmEncrypt(key, plaintext, () => aad)
      assert.deepStrictEqual(yield* aesGcmDecrypt(key, box, aad), plaintext)
    }))

  it.effect("draws a fresh 12-byte IV for every encryption and hands it to the AAD builder", () =>
    Effect.gen(function*() {
      const seen: Array<Uint8Array> = []
      const first = yield* aesGcmEncrypt(key, plaintext, (iv) => (seen.push(iv), aad))
      const second = yield* aesGcmEncrypt(key, plaintext, (iv) => (seen.push(iv), aad))
      assert.strictEqual(first.iv.length, 12)
      assert.deepStrictEqual(seen, [first.iv, second.iv])
      assert.notDeepEqual(first.iv, second.iv)
      assert.notDeepEqual(first.ciphertext, second.ciphertext)
    }))

  it.effect("authenticates the AAD: any other AAD is InvalidCiphertext", () =>
    Effect.gen(function*() {
      const box = yield* aesGcmEncrypt(key, plaintext, () => aad)
      const error = yield* Effect.flip(aesGcmDecrypt(key, box, Uint8Array.of(8)))
      assert.strictEqual(error._tag, "InvalidCiphertext")
    }))
})
