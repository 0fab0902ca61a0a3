import { describe, expect, it } from "vitest"
import { clause, decoded, expectSerialization, expectValidation } from "./requestAssertions.test-support.ts"

const KEY = "1234abcd-12ab-34cd-56ef-1234567890ab"
const TAG_KEY_RULES =
  "satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]"

describe("tag requests", () => {
  it("TagResource decodes the tags and requires KeyId and Tags", () => {
    expect(decoded("TagResource", { KeyId: KEY, Tags: [{ TagKey: "a", TagValue: "b" }, { TagKey: "c", TagValue: "" }] })).toEqual({
      keyId: KEY,
      tags: [{ tagKey: "a", tagValue: "b" }, { tagKey: "c", tagValue: "" }]
    })
    expect(decoded("TagResource", { KeyId: KEY, Tags: [] })).toEqual({ keyId: KEY, tags: [] })
    expectValidation("TagResource", {}, clause(null, "keyId", "not be null"), clause(null, "tags", "not be null"))
  })

  it("TagResource holds TagKey to 1–128 and TagValue to 0–256, by position", () => {
    expectValidation(
      "TagResource",
      { KeyId: KEY, Tags: [{ TagKey: "k".repeat(129), TagValue: "" }, { TagValue: "v" }] },
      clause("k".repeat(129), "tags.1.member.tagKey", "have length less than or equal to 128"),
      clause(null, "tags.2.member.tagKey", "not be null")
    )
  })

  it("UntagResource holds every tag key to 1–128, reported on the list", () => {
    expect(decoded("UntagResource", { KeyId: KEY, TagKeys: ["a", "k".repeat(128)] })).toEqual({
      keyId: KEY,
      tagKeys: ["a", "k".repeat(128)]
    })
    expectValidation("UntagResource", { KeyId: KEY, TagKeys: ["a", ""] }, clause("[a, ]", "tagKeys", TAG_KEY_RULES))
    expectValidation("UntagResource", { KeyId: KEY }, clause(null, "tagKeys", "not be null"))
    expectSerialization("UntagResource", { KeyId: KEY, TagKeys: "a" }, "Unexpected field type at 'tagKeys'")
    expectSerialization("UntagResource", { KeyId: KEY, TagKeys: [1] }, "NUMBER_VALUE can not be converted to a String at 'tagKeys.1.member'")
  })

  it("ListResourceTags holds Limit to 1–50", () => {
    expect(decoded("ListResourceTags", { KeyId: KEY, Limit: 50, Marker: "m" })).toEqual({ keyId: KEY, limit: 50, marker: "m" })
    expect(decoded("ListResourceTags", { KeyId: KEY, Limit: 1 })).toEqual({ keyId: KEY, limit: 1 })
    expectValidation("ListResourceTags", { KeyId: KEY, Limit: 51 }, clause("51", "limit", "have value less than or equal to 50"))
    expectValidation("ListResourceTags", { KeyId: KEY, Limit: 0 }, clause("0", "limit", "have value greater than or equal to 1"))
  })
})

describe("key policy requests", () => {
  const policy = '{"Statement":[]}'

  it("PutKeyPolicy decodes its members and requires KeyId and Policy", () => {
    expect(
      decoded("PutKeyPolicy", { KeyId: KEY, PolicyName: "default", Policy: policy, BypassPolicyLockoutSafetyCheck: false })
    ).toEqual({ keyId: KEY, policyName: "default", policy, bypassPolicyLockoutSafetyCheck: false })
    expect(decoded("PutKeyPolicy", { KeyId: KEY, Policy: policy })).toEqual({ keyId: KEY, policy })
    expectValidation("PutKeyPolicy", { PolicyName: "default" }, clause(null, "keyId", "not be null"), clause(null, "policy", "not be null"))
  })

  it("holds PolicyName to 1–128 word characters", () => {
    const pattern = "satisfy regular expression pattern: [\\w]+"
    expect(decoded("GetKeyPolicy", { KeyId: KEY, PolicyName: "p".repeat(128) })).toEqual({ keyId: KEY, policyName: "p".repeat(128) })
    expect(decoded("GetKeyPolicy", { KeyId: KEY, PolicyName: "a_1" })).toEqual({ keyId: KEY, policyName: "a_1" })
    expect(decoded("GetKeyPolicy", { KeyId: KEY })).toEqual({ keyId: KEY })
    expectValidation(
      "GetKeyPolicy",
      { KeyId: KEY, PolicyName: "p".repeat(129) },
      clause("p".repeat(129), "policyName", "have length less than or equal to 128")
    )
    expectValidation(
      "PutKeyPolicy",
      { KeyId: KEY, PolicyName: "", Policy: policy },
      clause("", "policyName", pattern),
      clause("", "policyName", "have length greater than or equal to 1")
    )
    expectValidation("GetKeyPolicy", { KeyId: KEY, PolicyName: "not-default" }, clause("not-default", "policyName", pattern))
  })

  it("ListKeyPolicies holds Limit to 1–1000", () => {
    expect(decoded("ListKeyPolicies", { KeyId: KEY, Limit: 1000 })).toEqual({ keyId: KEY, limit: 1000 })
    expectValidation("ListKeyPolicies", { KeyId: KEY, Limit: 1001 }, clause("1001", "limit", "have value less than or equal to 1000"))
    expectValidation("ListKeyPolicies", { Limit: 0 }, clause(null, "keyId", "not be null"), clause("0", "limit", "have value greater than or equal to 1"))
  })
})
