import { describe, expect, it } from "vitest"
import { redactMaterial } from "./redactMaterial.ts"

describe("redactMaterial", () => {
  it("replaces wrapped material by its length, at any depth, keeping every other field", () => {
    const wrapped = Buffer.alloc(60, 7).toString("base64")
    const payload = { keyId: "k", material: { materialId: "ab", wrapped }, versions: [{ wrappedKek: wrapped }], n: 1 }
    const redacted = redactMaterial(payload)
    expect(redacted).toEqual({ keyId: "k", material: { materialId: "ab", wrappedLength: 60 }, versions: [{ wrappedKekLength: 60 }], n: 1 })
    expect(JSON.stringify(redacted)).not.toContain(wrapped)
  })

  it("leaves payloads without material unchanged", () => {
    expect(redactMaterial({ at: 5, tags: [{ tagKey: "a", tagValue: "b" }] })).toEqual({ at: 5, tags: [{ tagKey: "a", tagValue: "b" }] })
    expect(redactMaterial(null)).toBeNull()
  })
})
