import { SecretBytes } from "@trent/crypto"
import { describe, expect, it } from "vitest"
import { fields, listOf, project, renamed } from "./Projection.ts"

describe("project", () => {
  it("keeps named fields of their kind and drops every other field", () => {
    const rule = fields({ keyId: "string", dryRun: "boolean", limit: "number" })
    expect(project({ keyId: "k", dryRun: true, limit: 5, plaintext: "secret", extra: 1 }, rule)).toEqual({ keyId: "k", dryRun: true, limit: 5 })
  })

  it("drops a named field whose value is not of its kind: bytes, SecretBytes, NaN", () => {
    const rule = fields({ keyId: "string", numberOfBytes: "number", context: "stringMap", nested: fields({ a: "string" }) })
    const value = { keyId: new Uint8Array([1]), numberOfBytes: Number.NaN, context: SecretBytes.copy(new Uint8Array(4)), nested: new Uint8Array(2) }
    expect(project(value, rule)).toEqual({})
  })

  it("keeps only the string values of a string map and the strings of a string list", () => {
    const rule = fields({ encryptionContext: "stringMap", operations: "stringList" })
    expect(project({ encryptionContext: { a: "1", b: new Uint8Array(1), c: 3 }, operations: ["Encrypt", 7, new Uint8Array(1)] }, rule))
      .toEqual({ encryptionContext: { a: "1" }, operations: ["Encrypt"] })
  })

  it("projects each object of a list and skips items that are not plain objects", () => {
    const rule = fields({ tags: listOf(fields({ tagKey: "string", tagValue: "string" })) })
    expect(project({ tags: [{ tagKey: "a", tagValue: "b", secret: "x" }, "junk", new Uint8Array(1)] }, rule))
      .toEqual({ tags: [{ tagKey: "a", tagValue: "b" }] })
  })

  it("writes dates to the second in UTC and renames fields it is told to", () => {
    const rule = fields({ creationDate: "date", validTo: "date", awsAccountId: renamed("AWSAccountId", "string") })
    expect(project({ creationDate: Date.UTC(2026, 0, 1, 0, 0, 1, 500), validTo: new Date(Date.UTC(2027, 0, 1)), awsAccountId: "1" }, rule))
      .toEqual({ creationDate: "2026-01-01T00:00:01Z", validTo: "2027-01-01T00:00:00Z", AWSAccountId: "1" })
  })

  it("projects only plain objects", () => {
    const rule = fields({ keyId: "string" })
    expect(project(SecretBytes.copy(new Uint8Array(4)), rule)).toBeUndefined()
    expect(project(["keyId"], rule)).toBeUndefined()
    expect(project(null, rule)).toBeUndefined()
    expect(project(Object.assign(Object.create(null), { keyId: "k" }), rule)).toEqual({ keyId: "k" })
  })
})
