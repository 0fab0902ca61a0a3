import { KeySpecs, KeyUsages, Origins } from "@trent/domain"
import { describe, expect, it } from "vitest"
import {
  clause,
  decoded,
  expectSerialization,
  expectValidation
} from "./requestAssertions.test-support.ts"

const KEY = "1234abcd-12ab-34cd-56ef-1234567890ab"
const POLICY = '{"Version":"2012-10-17","Statement":[]}'

describe("CreateKey request", () => {
  it("decodes every member the Region takes", () => {
    expect(
      decoded("CreateKey", {
        Policy: POLICY,
        Description: "payments",
        KeyUsage: "ENCRYPT_DECRYPT",
        CustomerMasterKeySpec: "SYMMETRIC_DEFAULT",
        KeySpec: "SYMMETRIC_DEFAULT",
        Origin: "AWS_KMS",
        CustomKeyStoreId: "cks-1",
        BypassPolicyLockoutSafetyCheck: true,
        Tags: [{ TagKey: "team", TagValue: "" }],
        MultiRegion: false
      })
    ).toEqual({
      policy: POLICY,
      description: "payments",
      keyUsage: "ENCRYPT_DECRYPT",
      customerMasterKeySpec: "SYMMETRIC_DEFAULT",
      keySpec: "SYMMETRIC_DEFAULT",
      origin: "AWS_KMS",
      customKeyStoreId: "cks-1",
      bypassPolicyLockoutSafetyCheck: true,
      tags: [{ tagKey: "team", tagValue: "" }],
      multiRegion: false
    })
  })

  it("accepts an empty body: every member has a default", () => {
    expect(decoded("CreateKey", {})).toEqual({})
  })

  it("accepts every KeySpec, KeyUsage and Origin of the model", () => {
    for (const keySpec of KeySpecs) expect(decoded("CreateKey", { KeySpec: keySpec })).toEqual({ keySpec })
    for (const keyUsage of KeyUsages) expect(decoded("CreateKey", { KeyUsage: keyUsage })).toEqual({ keyUsage })
    for (const origin of Origins) expect(decoded("CreateKey", { Origin: origin })).toEqual({ origin })
  })

  it("rejects values outside the enums, printing the model's value set", () => {
    expectValidation(
      "CreateKey",
      { KeyUsage: "RANDOM", KeySpec: "AES_256", Origin: "aws_kms" },
      clause("RANDOM", "keyUsage", "satisfy enum value set: [SIGN_VERIFY, ENCRYPT_DECRYPT, GENERATE_VERIFY_MAC, KEY_AGREEMENT]"),
      clause(
        "AES_256",
        "keySpec",
        "satisfy enum value set: [RSA_2048, RSA_3072, RSA_4096, ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1, SYMMETRIC_DEFAULT, HMAC_224, HMAC_256, HMAC_384, HMAC_512, SM2, ML_DSA_44, ML_DSA_65, ML_DSA_87, ECC_NIST_EDWARDS25519]"
      ),
      clause("aws_kms", "origin", "satisfy enum value set: [AWS_KMS, EXTERNAL, AWS_CLOUDHSM, EXTERNAL_KEY_STORE]")
    )
  })

  it("holds CustomerMasterKeySpec to the deprecated enum, which lacks ML-DSA and Ed25519", () => {
    const set =
      "satisfy enum value set: [RSA_2048, RSA_3072, RSA_4096, ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1, SYMMETRIC_DEFAULT, HMAC_224, HMAC_256, HMAC_384, HMAC_512, SM2]"
    for (const spec of ["ML_DSA_44", "ML_DSA_65", "ML_DSA_87", "ECC_NIST_EDWARDS25519"]) {
      expectValidation("CreateKey", { CustomerMasterKeySpec: spec }, clause(spec, "customerMasterKeySpec", set))
      expect(decoded("CreateKey", { KeySpec: spec })).toEqual({ keySpec: spec })
    }
    expect(decoded("CreateKey", { CustomerMasterKeySpec: "SM2" })).toEqual({ customerMasterKeySpec: "SM2" })
  })

  it("holds Description to 0–8192 characters", () => {
    expect(decoded("CreateKey", { Description: "" })).toEqual({ description: "" })
    expect(decoded("CreateKey", { Description: "d".repeat(8192) })).toEqual({ description: "d".repeat(8192) })
    expectValidation(
      "CreateKey",
      { Description: "d".repeat(8193) },
      clause("d".repeat(8193), "description", "have length less than or equal to 8192")
    )
  })

  it("holds Policy to 1–131072 characters of tab, LF, CR and U+0020–U+00FF", () => {
    const pattern = "satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"
    expect(decoded("CreateKey", { Policy: "p".repeat(131072) }).policy).toHaveLength(131072)
    expect(decoded("CreateKey", { Policy: "\t{\r\n ÿ}" })).toEqual({ policy: "\t{\r\n ÿ}" })
    expectValidation("CreateKey", { Policy: "p".repeat(131073) }, clause("p".repeat(131073), "policy", "have length less than or equal to 131072"))
    expectValidation(
      "CreateKey",
      { Policy: "" },
      clause("", "policy", pattern),
      clause("", "policy", "have length greater than or equal to 1")
    )
    expectValidation("CreateKey", { Policy: "{\u0100}" }, clause("{\u0100}", "policy", pattern))
  })

  it("holds CustomKeyStoreId to 1–64 characters", () => {
    expect(decoded("CreateKey", { CustomKeyStoreId: "c".repeat(64) })).toEqual({ customKeyStoreId: "c".repeat(64) })
    expectValidation("CreateKey", { CustomKeyStoreId: "" }, clause("", "customKeyStoreId", "have length greater than or equal to 1"))
    expectValidation(
      "CreateKey",
      { CustomKeyStoreId: "c".repeat(65) },
      clause("c".repeat(65), "customKeyStoreId", "have length less than or equal to 64")
    )
  })

  it("validates each tag at tags.N.member (aws-kms-api.md §7.9)", () => {
    expect(decoded("CreateKey", { Tags: [{ TagKey: "k".repeat(128), TagValue: "v".repeat(256) }] })).toEqual({
      tags: [{ tagKey: "k".repeat(128), tagValue: "v".repeat(256) }]
    })
    expectValidation(
      "CreateKey",
      { Tags: [{ TagKey: "ok", TagValue: "ok" }, { TagKey: "", TagValue: "v".repeat(257) }, { TagKey: "k".repeat(129) }] },
      clause("", "tags.2.member.tagKey", "have length greater than or equal to 1"),
      clause("v".repeat(257), "tags.2.member.tagValue", "have length less than or equal to 256"),
      clause("k".repeat(129), "tags.3.member.tagKey", "have length less than or equal to 128"),
      clause(null, "tags.3.member.tagValue", "not be null")
    )
  })

  it("validates XksKeyId and passes it on for a key in an external key store", () => {
    expectValidation(
      "CreateKey",
      { XksKeyId: "bad id" },
      clause("bad id", "xksKeyId", "satisfy regular expression pattern: ^[a-zA-Z0-9-_.]+$")
    )
    expect(decoded("CreateKey", { XksKeyId: "ext-key_1.0" })).toEqual({ xksKeyId: "ext-key_1.0" })
  })

  it("refuses members of the wrong JSON type", () => {
    expectSerialization("CreateKey", { MultiRegion: "true" }, "STRING_VALUE can not be converted to a Boolean at 'multiRegion'")
    expectSerialization("CreateKey", { Tags: { TagKey: "a" } }, "Start of structure or map found where not expected at 'tags'")
    expectSerialization("CreateKey", { Tags: ["a"] }, "Unexpected field type at 'tags.1.member'")
    expectSerialization("CreateKey", { Description: 7 }, "NUMBER_VALUE can not be converted to a String at 'description'")
  })
})

describe("DescribeKey request", () => {
  it("decodes the key id and the grant tokens", () => {
    expect(decoded("DescribeKey", { KeyId: "alias/payments", GrantTokens: ["t"] })).toEqual({ keyId: "alias/payments", grantTokens: ["t"] })
  })

  it("holds KeyId to 1–2048 characters", () => {
    expect(decoded("DescribeKey", { KeyId: "k" })).toEqual({ keyId: "k" })
    expect(decoded("DescribeKey", { KeyId: "k".repeat(2048) })).toEqual({ keyId: "k".repeat(2048) })
    expectValidation("DescribeKey", { KeyId: "" }, clause("", "keyId", "have length greater than or equal to 1"))
    expectValidation("DescribeKey", { KeyId: "k".repeat(2049) }, clause("k".repeat(2049), "keyId", "have length less than or equal to 2048"))
  })

  it("requires KeyId, null or absent", () => {
    expectValidation("DescribeKey", {}, clause(null, "keyId", "not be null"))
    expectValidation("DescribeKey", { KeyId: null }, clause(null, "keyId", "not be null"))
  })

  it("holds GrantTokens to 10 tokens of 1–8192 characters", () => {
    expect(decoded("DescribeKey", { KeyId: KEY, GrantTokens: [] })).toEqual({ keyId: KEY, grantTokens: [] })
    const ten = Array.from({ length: 10 }, () => "t".repeat(8192))
    expect(decoded("DescribeKey", { KeyId: KEY, GrantTokens: ten })).toEqual({ keyId: KEY, grantTokens: ten })
    expectValidation(
      "DescribeKey",
      { KeyId: KEY, GrantTokens: Array.from({ length: 11 }, (_, i) => `t${i}`) },
      clause("[t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10]", "grantTokens", "have length less than or equal to 10")
    )
    expectValidation(
      "DescribeKey",
      { KeyId: KEY, GrantTokens: ["t", ""] },
      clause(
        "[t, ]",
        "grantTokens",
        "satisfy constraint: [Member must have length less than or equal to 8192, Member must have length greater than or equal to 1]"
      )
    )
  })
})

describe("ListKeys request", () => {
  it("decodes Limit and Marker", () => {
    expect(decoded("ListKeys", { Limit: 5, Marker: "m" })).toEqual({ limit: 5, marker: "m" })
    expect(decoded("ListKeys", {})).toEqual({})
  })

  it("holds Limit to 1–1000", () => {
    expect(decoded("ListKeys", { Limit: 1 })).toEqual({ limit: 1 })
    expect(decoded("ListKeys", { Limit: 1000 })).toEqual({ limit: 1000 })
    expectValidation("ListKeys", { Limit: 0 }, clause("0", "limit", "have value greater than or equal to 1"))
    expectValidation("ListKeys", { Limit: 1001 }, clause("1001", "limit", "have value less than or equal to 1000"))
  })

  it("holds Marker to 1–1024 characters of U+0020–U+00FF", () => {
    expect(decoded("ListKeys", { Marker: "m".repeat(1024) })).toEqual({ marker: "m".repeat(1024) })
    expectValidation("ListKeys", { Marker: "" }, clause("", "marker", "have length greater than or equal to 1"))
    expectValidation("ListKeys", { Marker: "m".repeat(1025) }, clause("m".repeat(1025), "marker", "have length less than or equal to 1024"))
    expectValidation("ListKeys", { Marker: "a\u0001" }, clause("a\u0001", "marker", "satisfy regular expression pattern: [\\u0020-\\u00FF]*"))
  })

  it("refuses a Limit that is not an integer", () => {
    expectSerialization("ListKeys", { Limit: "10" }, "STRING_VALUE can not be converted to an Integer at 'limit'")
    expectSerialization("ListKeys", { Limit: 10.5 }, "DECIMAL_VALUE can not be converted to an Integer at 'limit'")
    expectSerialization("ListKeys", { Limit: true }, "TRUE_VALUE can not be converted to an Integer at 'limit'")
  })
})

describe("key state requests", () => {
  it.each(["EnableKey", "DisableKey", "CancelKeyDeletion"] as const)("%s decodes its key id", (operation) => {
    expect(decoded(operation, { KeyId: KEY })).toEqual({ keyId: KEY })
    expectValidation(operation, {}, clause(null, "keyId", "not be null"))
  })

  it("ScheduleKeyDeletion holds PendingWindowInDays to the model's 1–365 (the domain enforces 7–30)", () => {
    expect(decoded("ScheduleKeyDeletion", { KeyId: KEY, PendingWindowInDays: 1 })).toEqual({ keyId: KEY, pendingWindowInDays: 1 })
    expect(decoded("ScheduleKeyDeletion", { KeyId: KEY, PendingWindowInDays: 365 })).toEqual({ keyId: KEY, pendingWindowInDays: 365 })
    expectValidation("ScheduleKeyDeletion", { KeyId: KEY, PendingWindowInDays: 0 }, clause("0", "pendingWindowInDays", "have value greater than or equal to 1"))
    expectValidation("ScheduleKeyDeletion", { KeyId: KEY, PendingWindowInDays: 366 }, clause("366", "pendingWindowInDays", "have value less than or equal to 365"))
  })

  it("UpdateKeyDescription requires both members and allows an empty description", () => {
    expect(decoded("UpdateKeyDescription", { KeyId: KEY, Description: "" })).toEqual({ keyId: KEY, description: "" })
    expectValidation(
      "UpdateKeyDescription",
      {},
      clause(null, "keyId", "not be null"),
      clause(null, "description", "not be null")
    )
    expectValidation(
      "UpdateKeyDescription",
      { KeyId: KEY, Description: "d".repeat(8193) },
      clause("d".repeat(8193), "description", "have length less than or equal to 8192")
    )
  })
})
