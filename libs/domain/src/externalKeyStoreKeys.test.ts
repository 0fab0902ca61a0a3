import { assert, describe, it } from "vitest"
import { evolveKey, initialKey } from "./Key.ts"
import type { KeyCommand } from "./KeyCommand.ts"
import { KEY_ID, keySpec, material, rejectsWith, T0 } from "./keyFixtures.test-support.ts"
import { keyMetadata } from "./keyViews.ts"

const { given } = keySpec
const binding = { customKeyStoreId: "cks-1234567890abcdef0", xksKeyId: "orders-1" }
const inStore: KeyCommand = {
  _tag: "CreateKey",
  now: T0,
  keyId: KEY_ID,
  partition: "aws",
  account: "111122223333",
  region: "eu-west-1",
  keySpec: "SYMMETRIC_DEFAULT",
  keyUsage: "ENCRYPT_DECRYPT",
  origin: "EXTERNAL_KEY_STORE",
  multiRegion: false,
  description: "",
  tags: [],
  material: material(1),
  customKeyStore: binding
}

describe("keys in an external key store", () => {
  it("are created with Trent's own material and placed in the store", () =>
    given([]).when(inStore).thenEvents((events) => {
      assert.deepStrictEqual(events.map((event) => event._tag), ["KeyCreated", "KeyPlacedInCustomKeyStore"])
      const state = events.reduce(evolveKey, initialKey)
      assert.strictEqual(state.status, "Enabled")
      if (state.status !== "Enabled") return
      const metadata = keyMetadata(state)
      assert.strictEqual(metadata.origin, "EXTERNAL_KEY_STORE")
      assert.strictEqual(metadata.customKeyStoreId, binding.customKeyStoreId)
      assert.strictEqual(metadata.xksKeyId, binding.xksKeyId)
    }))

  it("need a store and an external key, and only with Origin EXTERNAL_KEY_STORE", () => {
    const { customKeyStore: _, ...withoutStore } = inStore as Extract<KeyCommand, { _tag: "CreateKey" }>
    given([]).when(withoutStore).thenRejects(rejectsWith("InvalidRequest"))
    given([]).when({ ...inStore, origin: "AWS_KMS" }).thenRejects(rejectsWith("InvalidRequest"))
  })

  it("are single-Region symmetric encryption keys only", () => {
    given([]).when({ ...inStore, keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" }).thenRejects(rejectsWith("UnsupportedOperation"))
    given([]).when({ ...inStore, multiRegion: true, keyId: "mrk-1234567890abcdef1234567890abcdef" })
      .thenRejects(rejectsWith("UnsupportedOperation"))
  })
})
