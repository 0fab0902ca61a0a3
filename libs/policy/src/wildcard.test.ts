import { assert, describe, it } from "vitest"
import { arnMatch, wildcardMatch, wildcardMatchIgnoreCase } from "./wildcard.ts"

describe("wildcard matching", () => {
  it("matches literally without wildcards, case-sensitively", () => {
    assert.isTrue(wildcardMatch("kms:Encrypt", "kms:Encrypt"))
    assert.isFalse(wildcardMatch("kms:Encrypt", "kms:encrypt"))
    assert.isFalse(wildcardMatch("kms:Encrypt", "kms:EncryptX"))
  })
  it("lets * match any run of characters, including none, colons and slashes", () => {
    assert.isTrue(wildcardMatch("kms:*", "kms:Encrypt"))
    assert.isTrue(wildcardMatch("kms:Encrypt*", "kms:Encrypt"))
    assert.isTrue(wildcardMatch("*", ""))
    assert.isTrue(wildcardMatch("arn:aws:kms:*:111122223333:key/*", "arn:aws:kms:us-east-1:111122223333:key/abc/def"))
    assert.isTrue(wildcardMatch("a*b*c", "aXXbYYbZc"))
    assert.isFalse(wildcardMatch("a*b*c", "aXXbYY"))
  })
  it("lets ? match exactly one character", () => {
    assert.isTrue(wildcardMatch("kms:Gen?rateDataKey", "kms:GenerateDataKey"))
    assert.isFalse(wildcardMatch("kms:Encrypt?", "kms:Encrypt"))
    assert.isTrue(wildcardMatch("??", "ab"))
  })
  it("ignores case only in the case-insensitive variant (IAM action names)", () => {
    assert.isTrue(wildcardMatchIgnoreCase("KMS:encrypt", "kms:Encrypt"))
    assert.isTrue(wildcardMatchIgnoreCase("kms:reencrypt*", "kms:ReEncryptFrom"))
  })
  it("stays fast on patterns that make regular expressions backtrack", () => {
    const started = performance.now()
    assert.isFalse(wildcardMatch(`${"*a".repeat(30)}b`, "a".repeat(5000)))
    assert.isBelow(performance.now() - started, 1000)
  })
})

describe("ARN matching", () => {
  it("matches each of the six components separately", () => {
    assert.isTrue(arnMatch("arn:aws:kms:*:111122223333:key/*", "arn:aws:kms:us-west-2:111122223333:key/k1"))
    // IAM User Guide, "ARN condition operators": StringLike matches this value, ArnLike does not.
    const value = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"
    assert.isTrue(wildcardMatch("arn:aws:someservice:*:111122223333:finance/*", value))
    assert.isFalse(arnMatch("arn:aws:someservice:*:111122223333:finance/*", value))
  })
  it("keeps colons of the resource part together", () => {
    assert.isTrue(arnMatch("arn:aws:sns:us-east-1:111122223333:topic:*", "arn:aws:sns:us-east-1:111122223333:topic:sub"))
  })
  it("matches a pattern that is not an ARN against the whole value", () => {
    assert.isTrue(arnMatch("*", "arn:aws:iam::111122223333:role/R"))
    assert.isFalse(arnMatch("arn:aws:iam::111122223333:role/R", "not-an-arn"))
  })
})
