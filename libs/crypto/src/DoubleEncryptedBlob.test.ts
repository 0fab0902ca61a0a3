import { Effect, Exit } from "effect"
import { describe, expect, it } from "vitest"
import { encodeDoubleEncrypted, isDoubleEncrypted, parseDoubleEncrypted } from "./DoubleEncryptedBlob.ts"

const KEY = "1234abcd-12ab-34cd-56ef-1234567890ab"
const layer = {
  ciphertext: Uint8Array.of(9, 8, 7, 6),
  ciphertextMetadata: Uint8Array.of(1, 2, 3),
  initializationVector: new Uint8Array(12).fill(5),
  authenticationTag: new Uint8Array(16).fill(6)
}

describe("double-encrypted blob", () => {
  it("reads back the key id and every part of the external layer", () => {
    const blob = encodeDoubleEncrypted(KEY, layer)
    expect(isDoubleEncrypted(blob)).toBe(true)
    const parsed = Effect.runSync(parseDoubleEncrypted(blob))
    expect(parsed.keyId).toBe(KEY)
    expect(parsed.external).toEqual(layer)
    expect(parsed.header).toEqual(blob.subarray(0, 37))
  })

  it("refuses every truncation as InvalidCiphertext", () => {
    const blob = encodeDoubleEncrypted(KEY, layer)
    for (let length = 0; length < blob.length - layer.ciphertext.length + 1; length++) {
      const exit = Effect.runSyncExit(parseDoubleEncrypted(blob.subarray(0, length)))
      expect(Exit.isFailure(exit)).toBe(true)
    }
  })

  it("refuses a blob of Trent's single-encryption format", () => {
    const blob = encodeDoubleEncrypted(KEY, layer)
    blob[0] = 0x01
    expect(Exit.isFailure(Effect.runSyncExit(parseDoubleEncrypted(blob)))).toBe(true)
  })
})
