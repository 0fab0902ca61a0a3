import { assert, describe, it } from "vitest"
import { requestedKeySpec } from "./decide/createKey.ts"

describe("CreateKey's requested spec", () => {
  it("refuses KeySpec and CustomerMasterKeySpec together, even when equal", () => {
    for (const [keySpec, legacy] of [["SYMMETRIC_DEFAULT", "SYMMETRIC_DEFAULT"], ["RSA_2048", "HMAC_256"]] as const) {
      const refused = requestedKeySpec(keySpec, legacy)
      assert.strictEqual(typeof refused === "string" ? refused : refused._tag, "InvalidRequest")
      assert.strictEqual(
        typeof refused === "string" ? refused : refused.message,
        "You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated."
      )
    }
  })
  it("takes either member alone, and defaults to SYMMETRIC_DEFAULT", () => {
    assert.strictEqual(requestedKeySpec("HMAC_256", undefined), "HMAC_256")
    assert.strictEqual(requestedKeySpec(undefined, "RSA_4096"), "RSA_4096")
    assert.strictEqual(requestedKeySpec(undefined, undefined), "SYMMETRIC_DEFAULT")
  })
})
