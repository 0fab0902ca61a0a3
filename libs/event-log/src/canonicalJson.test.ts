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

  it("orders names by UTF-16 code units, as RFC 8785 section 3.2.3 requires", () => {
    // U+20AC (euro) sorts before U+1F600 (a surrogate pair starting 0xD83D) in UTF-16, after it in code points.
    expect(canonicalJson({ "\u{1F600}": 1, "\u20AC": 2, "10": 3, "9": 4 })).toBe(`{"10":3,"9":4,"€":2,"😀":1}`)
  })

  it("writes numbers as ECMAScript does and -0 as 0", () => {
    expect(canonicalJson([1e21, 1e-7, 0.1, -0, 255])).toBe("[1e+21,1e-7,0.1,0,255]")
  })

  it("leaves out object members whose value is undefined, as JSON.stringify does", () => {
    expect(canonicalJson({ a: 1, b: undefined, c: { d: undefined } })).toBe(`{"a":1,"c":{}}`)
  })

  it("accepts a value shared in two places (it is not a cycle)", () => {
    const shared = { a: 1 }
    expect(canonicalJson({ x: shared, y: [shared] })).toBe(`{"x":{"a":1},"y":[{"a":1}]}`)
  })

  it.each([
    ["undefined in an array", { a: [1, undefined] }, /\$\.a\[1\] is undefined/],
    ["NaN", [1, Number.NaN], /\$\[1\] is NaN/],
    ["Infinity", { x: Infinity }, /\$\.x is Infinity/],
    ["a function", { f: () => 1 }, /\$\.f is a function/],
    ["a bigint", { n: 1n }, /\$\.n is a bigint/],
    ["a Date", { when: new Date(0) }, /\$\.when is an instance of Date/],
    ["a Map", new Map(), /\$ is an instance of Map/],
    ["a sparse array", Object.assign(new Array<number>(3), { 0: 1, 2: 3 }), /\$\[1\] is a hole/],
    ["undefined at the top", undefined, /\$ is undefined/],
    ["a symbol", { s: Symbol("s") }, /\$\.s is a symbol/]
  ])("rejects %s, naming where it is", (_, value, message) => {
    expect(() => canonicalJson(value)).toThrow(message)
  })

  it("rejects a cycle", () => {
    const cyclic: { self?: unknown } = {}
    cyclic.self = cyclic
    expect(() => canonicalJson(cyclic)).toThrow(/\$\.self refers back to an enclosing value/)
  })

  it("is stable through JSON.parse: parsing canonical text and writing it again gives the same bytes", async () => {
    await checkProperty(
      "canonicalJson round trip",
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value)
        expect(canonicalJson(JSON.parse(text))).toBe(text)
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)))
      })
    )
  })
})
