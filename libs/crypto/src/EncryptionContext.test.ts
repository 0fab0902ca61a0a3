import { checkProperty } from "@trent/testing"
import { Hex } from "effect/encoding"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { canonicalEncryptionContext, type EncryptionContext } from "./EncryptionContext.ts"
import {
  changedContextArbitrary,
  contextEntriesArbitrary,
  encryptionContextArbitrary,
  sameContext
} from "./EncryptionContext.arbitrary.test-support.ts"

const hexOf = (context: EncryptionContext | undefined): string => Hex.encode(canonicalEncryptionContext(context))

/** Test-only inverse of the encoding: if it decodes back to the input, the encoding is injective. */
const decode = (bytes: Uint8Array): Array<[string, string]> => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const utf8 = new TextDecoder("utf-8", { fatal: true })
  let offset = 0
  const field = (): string => {
    const length = view.getUint32(offset)
    const text = utf8.decode(bytes.subarray(offset + 4, offset + 4 + length))
    offset += 4 + length
    return text
  }
  const count = view.getUint32(0)
  offset = 4
  const pairs = Array.from({ length: count }, (): [string, string] => [field(), field()])
  if (offset !== bytes.length) throw new Error(`trailing bytes at ${offset}`)
  return pairs
}

describe("canonicalEncryptionContext", () => {
  it("encodes an absent context and {} identically, as a zero pair count", () => {
    expect(hexOf(undefined)).toBe("00000000")
    expect(hexOf({})).toBe("00000000")
  })

  it("writes u32 BE count, then u32 BE length + UTF-8 for each key and value, sorted by key", () => {
    expect(hexOf({ b: "2", a: "1" })).toBe(
      "00000002" + "00000001" + "61" + "00000001" + "31" + "00000001" + "62" + "00000001" + "32"
    )
  })

  it("counts lengths in UTF-8 bytes, not UTF-16 code units", () => {
    expect(hexOf({ "é": "€" })).toBe("00000001" + "00000002" + "c3a9" + "00000003" + "e282ac")
  })

  it("sorts by UTF-8 bytes (code point order), not JavaScript's UTF-16 order", () => {
    // UTF-16 puts U+10000 (D800 DC00) before U+E000; UTF-8 puts EE 80 80 before F0 90 80 80.
    const pairs = decode(canonicalEncryptionContext({ "\u{10000}": "astral", "\uE000": "bmp" }))
    expect(pairs.map(([key]) => key)).toEqual(["\uE000", "\u{10000}"])
  })

  it("keeps an empty value distinct from an absent pair", () => {
    expect(hexOf({ a: "" })).not.toBe(hexOf({}))
    expect(hexOf({ a: "", b: "" })).not.toBe(hexOf({ ab: "" }))
  })

  it("distinguishes a shifted key/value boundary: {ab: c} vs {a: bc}", () => {
    expect(hexOf({ ab: "c" })).not.toBe(hexOf({ a: "bc" }))
  })

  it("is case-sensitive in keys and values", () => {
    expect(hexOf({ Purpose: "test" })).not.toBe(hexOf({ purpose: "test" }))
    expect(hexOf({ purpose: "Test" })).not.toBe(hexOf({ purpose: "test" }))
  })

  it("does not depend on the order the pairs were written in", () =>
    checkProperty(
      "canonical context is order-independent",
      fc.property(
        contextEntriesArbitrary.chain((entries) =>
          fc.tuple(fc.constant(entries), fc.shuffledSubarray([...entries], { minLength: entries.length }))
        ),
        ([entries, shuffled]) => {
          expect(hexOf(Object.fromEntries(shuffled))).toBe(hexOf(Object.fromEntries(entries)))
        }
      )
    ))

  it("decodes back to exactly the pairs it was given (so it is injective)", () =>
    checkProperty(
      "canonical context decodes to its sorted pairs",
      fc.property(encryptionContextArbitrary, (context) => {
        const decoded = decode(canonicalEncryptionContext(context))
        expect(sameContext(Object.fromEntries(decoded), context)).toBe(true)
        expect(decoded.length).toBe(Object.keys(context).length)
        const keys = decoded.map(([key]) => Buffer.from(key, "utf8"))
        keys.forEach((key, i) => i > 0 && expect(Buffer.compare(keys[i - 1] ?? key, key)).toBe(-1))
      })
    ))

  it("gives distinct contexts distinct encodings", () =>
    checkProperty(
      "distinct contexts encode differently",
      fc.property(
        encryptionContextArbitrary.chain((context) => fc.tuple(fc.constant(context), changedContextArbitrary(context))),
        ([context, changed]) => {
          fc.pre(!sameContext(context, changed))
          expect(hexOf(changed)).not.toBe(hexOf(context))
        }
      )
    ))

  it("gives independently drawn contexts equal encodings only when they are the same context", () =>
    checkProperty(
      "encodings equal iff contexts equal",
      fc.property(encryptionContextArbitrary, encryptionContextArbitrary, (a, b) => {
        expect(hexOf(a) === hexOf(b)).toBe(sameContext(a, b))
      })
    ))
})
