import { checkProperty } from "@trent/testing"
import * as fc from "fast-check"
import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import { isMaterialId, materialIdFromBytes, materialIdToBytes } from "../MaterialId.ts"
import { importedMaterialId } from "./ImportedMaterialId.ts"

const keyId = "1234abcd-12ab-34cd-56ef-1234567890ab"
const bytes0to31 = Uint8Array.from({ length: 32 }, (_, i) => i)

/** Key ids as AWS spells them: a UUID, or mrk- and 32 hex digits for a multi-Region key. */
const keyIdArbitrary = fc.oneof(
  fc.uuid(),
  fc.stringMatching(/^[0-9a-f]{32}$/).map((hex) => `mrk-${hex}`)
)
const materialArbitrary = fc.uint8Array({ minLength: 1, maxLength: 256 })

describe("importedMaterialId", () => {
  it("matches HMAC-SHA256(SHA-256(label ‖ keyId), material) as computed by Python's hashlib and hmac", () => {
    expect(importedMaterialId(keyId, bytes0to31)).toBe("755418f8c541c49240000ff5cd7d3fb1f602d266b36df12aef9db4cb54cb1df0")
    expect(importedMaterialId("mrk-1234abcd12ab34cd56ef1234567890ab", bytes0to31)).toBe(
      "5baa89399b8c1bb3f7de683ced74c23022b519ab8b4a01baa1e0ea6a5ee797a2"
    )
    expect(importedMaterialId(keyId, new Uint8Array(0))).toBe("5a25a030abcf56091504b0c7e2d667ecc9c6f128f656f6f8a1ea2b0407d62bb1")
  })

  it("is a KeyMaterialId: 64 lowercase hex that ciphertext blobs can carry as 32 raw bytes", () =>
    checkProperty(
      "importedMaterialId is 64 lowercase hex",
      fc.property(keyIdArbitrary, materialArbitrary, (id, material) => {
        const materialId = importedMaterialId(id, material)
        expect(materialId).toMatch(/^[0-9a-f]{64}$/)
        expect(isMaterialId(materialId)).toBe(true)
        expect(materialIdFromBytes(materialIdToBytes(materialId))).toBe(materialId)
      })
    ))

  it("is the same for the same material re-imported into the same key, or into a multi-Region replica (same key id)", () =>
    checkProperty(
      "importedMaterialId is deterministic",
      fc.property(keyIdArbitrary, materialArbitrary, (id, material) => {
        expect(importedMaterialId(id, Uint8Array.from(material))).toBe(importedMaterialId(id, material))
      })
    ))

  it("differs for other material under the same key id", () =>
    checkProperty(
      "importedMaterialId differs by material",
      fc.property(keyIdArbitrary, materialArbitrary, materialArbitrary, (id, a, b) => {
        fc.pre(Buffer.compare(a, b) !== 0)
        expect(importedMaterialId(id, a)).not.toBe(importedMaterialId(id, b))
      })
    ))

  it("differs for the same material under another key id", () =>
    checkProperty(
      "importedMaterialId differs by key id",
      fc.property(keyIdArbitrary, keyIdArbitrary, materialArbitrary, (a, b, material) => {
        fc.pre(a !== b)
        expect(importedMaterialId(a, material)).not.toBe(importedMaterialId(b, material))
      })
    ))

  it("differs when one byte of the material changes", () => {
    const changed = Uint8Array.from(bytes0to31)
    changed[31] = 0xff
    expect(importedMaterialId(keyId, changed)).not.toBe(importedMaterialId(keyId, bytes0to31))
  })

  it("is not a bare hash of the material, so equal material in two keys shows no equal ids", () => {
    expect(importedMaterialId(keyId, bytes0to31)).not.toBe(createHash("sha256").update(bytes0to31).digest("hex"))
  })

  it("leaves the caller's material untouched", () => {
    const material = Uint8Array.from(bytes0to31)
    importedMaterialId(keyId, material)
    expect(material).toEqual(bytes0to31)
  })
})
