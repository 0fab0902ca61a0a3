import { checkProperty } from "@trent/testing"
import * as fc from "fast-check"
import { createCipheriv, createDecipheriv } from "node:crypto"
import { describe, expect, it } from "vitest"
import { InvalidCiphertext } from "../CryptoErrors.ts"
import { SecretBytes } from "../SecretBytes.ts"
import { aesKwpUnwrap } from "./AesKeyWrapPad.ts"
import { aesWrap } from "./nodeImportWrap.test-support.ts"

const iv = Buffer.from("A65959A6", "hex")
const key = SecretBytes.copy(Uint8Array.from({ length: 32 }, (_, i) => 0x40 + i))

const unwrapped = (wrapped: Uint8Array, k = key) => {
  const result = aesKwpUnwrap(k, wrapped)
  return result instanceof InvalidCiphertext ? result : result.unsafeBytes()
}

describe("OpenSSL's id-aes*-wrap-pad with IV A65959A6 is RFC 5649", () => {
  it("reproduces RFC 5649 §6's two examples (192-bit KEK, 20- and 7-byte keys)", () => {
    const kek = Buffer.from("5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8", "hex")
    const wrap = (plaintext: string) => {
      const cipher = createCipheriv("id-aes192-wrap-pad", kek, iv)
      return Buffer.concat([cipher.update(Buffer.from(plaintext, "hex")), cipher.final()]).toString("hex")
    }
    expect(wrap("c37b7e6492584340bed12207808941155068f738")).toBe("138bdeaa9b8fa7fc61f97742e72248ee5ae6ae5360d1ae6a5f54f373fa543b6a")
    expect(wrap("466f7250617369")).toBe("afbeb0f07dfbf5419200f2ccb50bb24f")
  })

  it("'unwraps' an empty input to an empty plaintext, which RFC 5649 does not allow (so aesKwpUnwrap checks the shape first)", () => {
    const decipher = createDecipheriv("id-aes256-wrap-pad", key.unsafeBytes(), iv)
    expect(Buffer.concat([decipher.update(new Uint8Array(0)), decipher.final()])).toHaveLength(0)
  })
})

describe("aesKwpUnwrap", () => {
  it("gives back what was wrapped, 1 to 600 bytes", () =>
    checkProperty(
      "AES-KWP unwrap(wrap(m)) = m",
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 600 }), (material) => {
        const wrapped = aesWrap(key.unsafeBytes(), material)
        expect(wrapped.length).toBe(8 + Math.ceil(material.length / 8) * 8)
        expect(unwrapped(wrapped)).toEqual(material)
      })
    ))

  it("refuses any one changed byte", () =>
    checkProperty(
      "AES-KWP refuses any changed byte",
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 100 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (material, at, delta) => {
        const wrapped = aesWrap(key.unsafeBytes(), material)
        wrapped[at % wrapped.length] = (wrapped[at % wrapped.length]! + delta) & 0xff
        expect(unwrapped(wrapped)).toBeInstanceOf(InvalidCiphertext)
      })
    ))

  it.each<[string, Uint8Array]>([
    ["empty", new Uint8Array(0)],
    ["one block (8 bytes)", new Uint8Array(8)],
    ["not a whole number of blocks (17 bytes)", new Uint8Array(17)],
    ["two zero blocks", new Uint8Array(16)]
  ])("refuses an input that is %s", (_, wrapped) => {
    expect(unwrapped(wrapped)).toBeInstanceOf(InvalidCiphertext)
  })

  it("refuses another key, and a key that is not 32 bytes", () => {
    const wrapped = aesWrap(key.unsafeBytes(), new Uint8Array(32).fill(1))
    expect(unwrapped(wrapped, SecretBytes.copy(new Uint8Array(32).fill(9)))).toBeInstanceOf(InvalidCiphertext)
    expect(unwrapped(wrapped, SecretBytes.copy(key.unsafeBytes().subarray(0, 16)))).toBeInstanceOf(InvalidCiphertext)
    expect(unwrapped(wrapped)).toEqual(new Uint8Array(32).fill(1))
  })

  it("leaves the key usable: it neither consumes nor zeroes it", () => {
    const copy = SecretBytes.copy(key.unsafeBytes())
    aesKwpUnwrap(copy, aesWrap(key.unsafeBytes(), Uint8Array.of(1, 2, 3)))
    expect(copy.equals(key)).toBe(true)
  })
})
