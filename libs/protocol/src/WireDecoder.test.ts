import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { GrantTokenList, KeyIdType, PlaintextType, TagKeyList, TagList } from "./ModelShapes.ts"
import { decodeShape } from "./WireDecoder.ts"
import type { WireError } from "./WireError.ts"
import { blob, boolean, integer, optional, required, stringMap, structure, timestamp } from "./WireShape.ts"

const sample = structure({
  keyId: required(KeyIdType),
  limit: optional(integer({ min: 1, max: 10 })),
  dryRun: optional(boolean),
  plaintext: optional(PlaintextType),
  context: optional(stringMap),
  grantTokens: optional(GrantTokenList),
  tags: optional(TagList),
  tagKeys: optional(TagKeyList)
})

const failure = (json: unknown): WireError => {
  const decoded = decodeShape(sample, json)
  if (Result.isSuccess(decoded)) throw new Error(`expected a failure, got ${JSON.stringify(decoded.success)}`)
  return decoded.failure
}
const serialization = (message: string): WireError => ({ type: "SerializationException", status: 400, message })
const validation = (message: string): WireError => ({ type: "ValidationException", status: 400, message })

describe("decodeShape", () => {
  it("decodes members to their lowerCamelCase names and leaves absent ones out", () => {
    expect(Result.getOrThrow(decodeShape(sample, { KeyId: "k", Limit: 3, DryRun: false }))).toEqual({
      keyId: "k",
      limit: 3,
      dryRun: false
    })
  })

  it("treats null members as absent and ignores unknown members", () => {
    const decoded = Result.getOrThrow(decodeShape(sample, { KeyId: "k", Limit: null, Surprise: [1, 2], keyid: 5 }))
    expect(decoded).toEqual({ keyId: "k" })
    expect(Object.keys(decoded)).toEqual(["keyId"])
  })

  it("requires the body to be a JSON object", () => {
    expect(failure([])).toEqual(serialization("Start of list found where not expected"))
    expect(failure("{}")).toEqual(serialization("Unexpected field type"))
    expect(failure(null)).toEqual(serialization("Null value found where not expected"))
    expect(failure(7)).toEqual(serialization("Unexpected field type"))
  })

  it("stops at the first member of the wrong JSON type, before any validation", () => {
    expect(failure({ Limit: "3" })).toEqual(serialization("STRING_VALUE can not be converted to an Integer at 'limit'"))
    expect(failure({ KeyId: "k", Limit: 1.5 })).toEqual(
      serialization("DECIMAL_VALUE can not be converted to an Integer at 'limit'")
    )
    expect(failure({ KeyId: 1, DryRun: "yes" })).toEqual(serialization("NUMBER_VALUE can not be converted to a String at 'keyId'"))
  })

  it("refuses integers a 32-bit Integer cannot hold", () => {
    expect(failure({ KeyId: "k", Limit: 2 ** 31 })).toEqual(
      serialization("NUMBER_VALUE can not be converted to an Integer at 'limit'")
    )
  })

  it("refuses a string map with a non-string value, naming the key", () => {
    expect(failure({ KeyId: "k", Context: { a: "1", b: 2 } })).toEqual(
      serialization("NUMBER_VALUE can not be converted to a String at 'context.b'")
    )
    expect(failure({ KeyId: "k", Context: ["a"] })).toEqual(serialization("Start of list found where not expected at 'context'"))
  })

  it("keeps a __proto__ key of a string map as an ordinary own pair", () => {
    const context = JSON.parse('{"__proto__": "x", "a": "b"}') as unknown
    const decoded = Result.getOrThrow(decodeShape(sample, { KeyId: "k", Context: context })) as {
      readonly context: Record<string, string>
    }
    expect(Object.entries(decoded.context)).toEqual([["__proto__", "x"], ["a", "b"]])
    expect(Object.getPrototypeOf(decoded.context)).toBe(Object.prototype)
  })

  it("refuses null inside a list", () => {
    expect(failure({ KeyId: "k", GrantTokens: ["t", null] })).toEqual(
      serialization("Null value found where not expected at 'grantTokens.2.member'")
    )
  })

  it("names list members of structures by their 1-based position", () => {
    expect(failure({ KeyId: "k", Tags: [{ TagKey: "a", TagValue: "b" }, { TagKey: 5, TagValue: "" }] })).toEqual(
      serialization("NUMBER_VALUE can not be converted to a String at 'tags.2.member.tagKey'")
    )
    expect(failure({ KeyId: "k", Tags: [{ TagKey: "a" }] })).toEqual(
      validation("1 validation error detected: Value null at 'tags.1.member.tagValue' failed to satisfy constraint: Member must not be null")
    )
  })

  it("reports scalar list members once, on the list, with every constraint they carry", () => {
    expect(failure({ KeyId: "k", TagKeys: ["ok", "", "x".repeat(129)] })).toEqual(
      validation(
        `1 validation error detected: Value '[ok, , ${"x".repeat(129)}]' at 'tagKeys' failed to satisfy constraint: ` +
          "Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]"
      )
    )
  })

  it("collects every violation in model member order", () => {
    expect(failure({ Limit: 0, GrantTokens: Array.from({ length: 11 }, () => "t") })).toEqual(
      validation(
        "3 validation errors detected: " +
          "Value null at 'keyId' failed to satisfy constraint: Member must not be null; " +
          "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
          "Value '[t, t, t, t, t, t, t, t, t, t, t]' at 'grantTokens' failed to satisfy constraint: Member must have length less than or equal to 10"
      )
    )
  })

  it("hides a sensitive blob even when it is missing", () => {
    const shape = structure({ plaintext: required(PlaintextType), other: required(blob({ minLength: 1, maxLength: 2 })) })
    const decoded = decodeShape(shape, {})
    expect(Result.isFailure(decoded) && decoded.failure.message).toBe(
      "2 validation errors detected: Value at 'plaintext' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'other' failed to satisfy constraint: Member must not be null"
    )
  })

  it("decodes a timestamp's epoch seconds to whole epoch milliseconds, refusing what a Date cannot hold", () => {
    const shape = structure({ validTo: required(timestamp) })
    const decode = (json: unknown) => decodeShape(shape, json)
    expect(decode({ ValidTo: 1_700_000_000 })).toEqual(Result.succeed({ validTo: 1_700_000_000_000 }))
    expect(decode({ ValidTo: 1_700_000_000.0004 })).toEqual(Result.succeed({ validTo: 1_700_000_000_000 }))
    expect(decode({ ValidTo: -1.5 })).toEqual(Result.succeed({ validTo: -1500 }))
    expect(Object.is(Result.getOrThrow(decode({ ValidTo: -0.0001 })).validTo, 0)).toBe(true)
    expect(decode({ ValidTo: 8.64e12 })).toEqual(Result.succeed({ validTo: 8.64e15 }))
    expect(decode({ ValidTo: 8.64e12 + 1 })).toEqual(
      Result.fail(serialization("NUMBER_VALUE can not be converted to a Timestamp at 'validTo'"))
    )
    expect(decode({ ValidTo: "1700000000" })).toEqual(
      Result.fail(serialization("STRING_VALUE can not be converted to a Timestamp at 'validTo'"))
    )
  })

  it("measures blobs after base64 decoding and never prints them", () => {
    expect(failure({ KeyId: "k", Plaintext: "" })).toEqual(
      validation("1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length greater than or equal to 1")
    )
    expect(failure({ KeyId: "k", Plaintext: "Zg" })).toEqual(
      serialization("Base64 encoded length is expected a multiple of 4 bytes but found: 2 at 'plaintext'")
    )
  })
})
