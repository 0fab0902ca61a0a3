import { assert, layer } from "@effect/vitest"
import { Effect } from "effect"
import { generateKeyMaterial } from "./KeyMaterial.ts"
import { SecretBytes } from "./SecretBytes.ts"
import { WebCrypto } from "./WebCrypto.ts"

layer(WebCrypto.layer)("generateKeyMaterial", (it) => {
  it.effect("makes 32 secret bytes (an AES-256 key)", () =>
    Effect.gen(function*() {
      const material = yield* generateKeyMaterial
      assert.isTrue(material instanceof SecretBytes)
      assert.strictEqual(material.length, 32)
    }))

  it.effect("makes new material on every run of the same effect", () =>
    Effect.gen(function*() {
      assert.isFalse((yield* generateKeyMaterial).equals(yield* generateKeyMaterial))
    }))
})
