import { checkProperty } from "@trent/testing"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { canonicalJson } from "./canonicalJson.ts"

describe("canonicalJson", () => {
  it("sorts object members by name at every depth and drops whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: "x" } })).toBe(
      `{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}`
    )
  })

  it("leaves out members whose value is undefined", () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(`{"a":1}`)
  })

  it.each([
    ["a Uint8Array", { blob: new Uint8Array([1, 2]) }, /\$\.blob is an instance of Uint8Array/],
    ["NaN", [Number.NaN], /\$\[0\] is NaN/],
    ["a bigint", { n: 1n }, /\$\.n is a bigint/]
  ])("rejects %s instead of writing it", (_, value, message) => {
    expect(() => canonicalJson(value)).toThrow(message)
  })

  it("gives the same text back after JSON.parse", async () => {
    await checkProperty(
      "canonicalJson round trip",
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value)
        expect(canonicalJson(JSON.parse(text))).toBe(text)
      })
    )
  })
})
