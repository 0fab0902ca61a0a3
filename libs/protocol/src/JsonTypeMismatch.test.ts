import { describe, expect, it } from "vitest"
import { typeMismatch } from "./JsonTypeMismatch.ts"

describe("typeMismatch", () => {
  it("names the JSON token and the expected type in AWS's words, then the member", () => {
    expect(typeMismatch("Integer", "23", "limit")).toBe("STRING_VALUE can not be converted to an Integer at 'limit'")
    expect(typeMismatch("String", 23, "keyId")).toBe("NUMBER_VALUE can not be converted to a String at 'keyId'")
    expect(typeMismatch("String", 2.5, "keyId")).toBe("DECIMAL_VALUE can not be converted to a String at 'keyId'")
    expect(typeMismatch("Boolean", "true", "dryRun")).toBe("STRING_VALUE can not be converted to a Boolean at 'dryRun'")
    expect(typeMismatch("String", true, "keyId")).toBe("TRUE_VALUE can not be converted to a String at 'keyId'")
    expect(typeMismatch("String", false, "keyId")).toBe("FALSE_VALUE can not be converted to a String at 'keyId'")
  })

  it("reports a structure or a list where a value was expected", () => {
    expect(typeMismatch("String", {}, "keyId")).toBe("Start of structure or map found where not expected at 'keyId'")
    expect(typeMismatch("Integer", [], "limit")).toBe("Start of list found where not expected at 'limit'")
  })

  it("reports a scalar where a list, map or structure was expected", () => {
    expect(typeMismatch("List", "a", "grantTokens")).toBe("Unexpected field type at 'grantTokens'")
    expect(typeMismatch("Map", 1, "encryptionContext")).toBe("Unexpected field type at 'encryptionContext'")
  })

  it("reports a timestamp that is not a number", () => {
    expect(typeMismatch("Timestamp", "2024-01-01T00:00:00Z", "validTo")).toBe(
      "STRING_VALUE can not be converted to a Timestamp at 'validTo'"
    )
  })

  it("reports a non-string blob as AWS does", () => {
    expect(typeMismatch("Blob", 12, "plaintext")).toBe("only base-64-encoded strings are convertible to bytes at 'plaintext'")
  })

  it("says nothing about a path for the body itself", () => {
    expect(typeMismatch("Structure", [], "")).toBe("Start of list found where not expected")
    expect(typeMismatch("Structure", null, "")).toBe("Null value found where not expected")
  })
})
