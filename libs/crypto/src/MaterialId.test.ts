import { assert, layer } from "@effect/vitest"
import { Effect } from "effect"
import { generateMaterialId, isMaterialId, materialIdFromBytes, materialIdToBytes } from "./MaterialId.ts"
import { WebCrypto } from "./WebCrypto.ts"

layer(WebCrypto.layer)("material ids", (it) => {
  it.effect("are 64 lowercase hex characters (AWS KeyMaterialId format)", () =>
    Effect.gen(function*() {
      const id = yield* generateMaterialId
      assert.match(id, /^[0-9a-f]{64}$/)
      assert.isTrue(isMaterialId(id))
    }))

  it.effect("are new on every run of the same effect", () =>
    Effect.gen(function*() {
      assert.notStrictEqual(yield* generateMaterialId, yield* generateMaterialId)
    }))

  it.effect("convert to their 32 raw bytes and back", () =>
    Effect.gen(function*() {
      const id = yield* generateMaterialId
      const bytes = materialIdToBytes(id)
      assert.strictEqual(bytes.length, 32)
      assert.strictEqual(materialIdFromBytes(bytes), id)
    }))

  it("reject uppercase, short, long and non-hex ids", () => {
    for (const bad of ["", "AB".repeat(32), "ab".repeat(31), "ab".repeat(33), "g".repeat(64)]) {
      assert.isFalse(isMaterialId(bad), bad)
    }
  })
})
