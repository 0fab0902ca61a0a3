import { describe, expect, it } from "vitest"
import { clause, decoded, expectSerialization, expectValidation } from "./requestAssertions.test-support.ts"

const KEY = "1234abcd-12ab-34cd-56ef-1234567890ab"
const ALIAS_PATTERN = "satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$"

describe("alias requests", () => {
  it.each(["CreateAlias", "UpdateAlias"] as const)("%s decodes the alias and its target", (operation) => {
    expect(decoded(operation, { AliasName: "alias/payments", TargetKeyId: KEY })).toEqual({
      aliasName: "alias/payments",
      targetKeyId: KEY
    })
    expectValidation(operation, {}, clause(null, "aliasName", "not be null"), clause(null, "targetKeyId", "not be null"))
  })

  it("holds AliasName to the model's 1–256 characters of [a-zA-Z0-9:/_-]", () => {
    expect(decoded("DeleteAlias", { AliasName: "a" })).toEqual({ aliasName: "a" })
    expect(decoded("DeleteAlias", { AliasName: "a".repeat(256) })).toEqual({ aliasName: "a".repeat(256) })
    // The model allows ':'; the domain refuses it with the service's own message (aws-kms-api.md §7.3).
    expect(decoded("DeleteAlias", { AliasName: "alias/my:alias" })).toEqual({ aliasName: "alias/my:alias" })
    expectValidation("DeleteAlias", { AliasName: "a".repeat(257) }, clause("a".repeat(257), "aliasName", "have length less than or equal to 256"))
    expectValidation(
      "DeleteAlias",
      { AliasName: "" },
      clause("", "aliasName", ALIAS_PATTERN),
      clause("", "aliasName", "have length greater than or equal to 1")
    )
    expectValidation("CreateAlias", { AliasName: "alias/a b", TargetKeyId: KEY }, clause("alias/a b", "aliasName", ALIAS_PATTERN))
  })

  it("reports a bad alias name and a bad target together", () => {
    expectValidation(
      "UpdateAlias",
      { AliasName: "alias/é", TargetKeyId: "" },
      clause("alias/é", "aliasName", ALIAS_PATTERN),
      clause("", "targetKeyId", "have length greater than or equal to 1")
    )
  })

  it("ListAliases takes an optional KeyId and holds Limit to 1–100", () => {
    expect(decoded("ListAliases", {})).toEqual({})
    expect(decoded("ListAliases", { KeyId: KEY, Limit: 100, Marker: "m" })).toEqual({ keyId: KEY, limit: 100, marker: "m" })
    expect(decoded("ListAliases", { Limit: 1 })).toEqual({ limit: 1 })
    expectValidation("ListAliases", { Limit: 101 }, clause("101", "limit", "have value less than or equal to 100"))
    expectValidation("ListAliases", { Limit: 0 }, clause("0", "limit", "have value greater than or equal to 1"))
    expectSerialization("ListAliases", { KeyId: ["k"] }, "Start of list found where not expected at 'keyId'")
  })
})
