import { describe, expect, it } from "vitest"
import { clause, decoded, expectSerialization, expectValidation } from "./requestAssertions.test-support.ts"

const KEY = "mrk-1234abcd12ab34cd56ef1234567890ab"
const POLICY = '{"Version":"2012-10-17","Statement":[]}'
const REGION_PATTERN = "satisfy regular expression pattern: ^([a-z]+-){2,3}\\d+$"
/** Matches the pattern but is one character over RegionType's 32. */
const LONG_REGION = "abcdefghijklmnopqrstuvwxyz-east-1"

describe("ReplicateKey request", () => {
  it("decodes every member, the replica's policy, description and tags in CreateKey's shapes", () => {
    expect(
      decoded("ReplicateKey", {
        KeyId: KEY,
        ReplicaRegion: "eu-west-1",
        Policy: POLICY,
        BypassPolicyLockoutSafetyCheck: false,
        Description: "replica",
        Tags: [{ TagKey: "team", TagValue: "payments" }]
      })
    ).toEqual({
      keyId: KEY,
      replicaRegion: "eu-west-1",
      policy: POLICY,
      bypassPolicyLockoutSafetyCheck: false,
      description: "replica",
      tags: [{ tagKey: "team", tagValue: "payments" }]
    })
  })

  it("decodes the required members alone", () => {
    expect(decoded("ReplicateKey", { KeyId: KEY, ReplicaRegion: "us-gov-west-1" })).toEqual({ keyId: KEY, replicaRegion: "us-gov-west-1" })
  })

  it("requires KeyId and ReplicaRegion", () => {
    expectValidation("ReplicateKey", {}, clause(null, "keyId", "not be null"), clause(null, "replicaRegion", "not be null"))
    expectValidation("ReplicateKey", { KeyId: KEY }, clause(null, "replicaRegion", "not be null"))
    expectValidation("ReplicateKey", { ReplicaRegion: "eu-west-1" }, clause(null, "keyId", "not be null"))
  })

  it("holds ReplicaRegion to RegionType: 1–32 characters of ^([a-z]+-){2,3}\\d+$", () => {
    expect(decoded("ReplicateKey", { KeyId: KEY, ReplicaRegion: "ap-southeast-2" }).replicaRegion).toBe("ap-southeast-2")
    expectValidation("ReplicateKey", { KeyId: KEY, ReplicaRegion: "eu_west_1" }, clause("eu_west_1", "replicaRegion", REGION_PATTERN))
    expectValidation("ReplicateKey", { KeyId: KEY, ReplicaRegion: "EU-WEST-1" }, clause("EU-WEST-1", "replicaRegion", REGION_PATTERN))
    expectValidation("ReplicateKey", { KeyId: KEY, ReplicaRegion: "a-b-c-d-1" }, clause("a-b-c-d-1", "replicaRegion", REGION_PATTERN))
    expectValidation(
      "ReplicateKey",
      { KeyId: KEY, ReplicaRegion: LONG_REGION },
      clause(LONG_REGION, "replicaRegion", "have length less than or equal to 32")
    )
    expectValidation(
      "ReplicateKey",
      { KeyId: KEY, ReplicaRegion: "" },
      clause("", "replicaRegion", REGION_PATTERN),
      clause("", "replicaRegion", "have length greater than or equal to 1")
    )
  })

  it("holds Policy, Description and Tags to CreateKey's constraints", () => {
    expectValidation(
      "ReplicateKey",
      {
        KeyId: KEY,
        ReplicaRegion: "eu-west-1",
        Policy: "p".repeat(131073),
        Description: "d".repeat(8193),
        Tags: [{ TagKey: "", TagValue: "v" }]
      },
      clause("p".repeat(131073), "policy", "have length less than or equal to 131072"),
      clause("d".repeat(8193), "description", "have length less than or equal to 8192"),
      clause("", "tags.1.member.tagKey", "have length greater than or equal to 1")
    )
    expect(decoded("ReplicateKey", { KeyId: KEY, ReplicaRegion: "eu-west-1", Description: "" }).description).toBe("")
  })

  it("refuses members of the wrong JSON type", () => {
    expectSerialization(
      "ReplicateKey",
      { KeyId: KEY, ReplicaRegion: "eu-west-1", BypassPolicyLockoutSafetyCheck: "true" },
      "STRING_VALUE can not be converted to a Boolean at 'bypassPolicyLockoutSafetyCheck'"
    )
    expectSerialization("ReplicateKey", { KeyId: KEY, ReplicaRegion: ["eu-west-1"] }, "Start of list found where not expected at 'replicaRegion'")
  })
})

describe("UpdatePrimaryRegion request", () => {
  it("decodes the key and the new primary Region", () => {
    expect(decoded("UpdatePrimaryRegion", { KeyId: KEY, PrimaryRegion: "eu-west-1" })).toEqual({ keyId: KEY, primaryRegion: "eu-west-1" })
  })

  it("requires KeyId and PrimaryRegion", () => {
    expectValidation("UpdatePrimaryRegion", {}, clause(null, "keyId", "not be null"), clause(null, "primaryRegion", "not be null"))
    expectValidation("UpdatePrimaryRegion", { KeyId: KEY, PrimaryRegion: null }, clause(null, "primaryRegion", "not be null"))
  })

  it("holds PrimaryRegion to RegionType", () => {
    expectValidation("UpdatePrimaryRegion", { KeyId: KEY, PrimaryRegion: "useast1" }, clause("useast1", "primaryRegion", REGION_PATTERN))
    expectValidation(
      "UpdatePrimaryRegion",
      { KeyId: KEY, PrimaryRegion: LONG_REGION },
      clause(LONG_REGION, "primaryRegion", "have length less than or equal to 32")
    )
    expectValidation("UpdatePrimaryRegion", { KeyId: "", PrimaryRegion: "eu-west-1" }, clause("", "keyId", "have length greater than or equal to 1"))
  })
})
