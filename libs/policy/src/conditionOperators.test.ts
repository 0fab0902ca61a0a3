import { assert, describe, it } from "vitest"
import type { ConditionScalar } from "./AuthorizationRequest.ts"
import { conditionOperatorNames, parseOperator } from "./conditionOperators.ts"
import { clauseMatches } from "./evaluateCondition.ts"
import { clause } from "./policyFixtures.test-support.ts"

/** Whether `operator` with policy `values` matches a request whose key holds `request`. */
const matches = (operator: string, values: ReadonlyArray<string>, request: ConditionScalar | ReadonlyArray<string> | undefined) =>
  clauseMatches(clause(operator, values), request === undefined ? undefined : Array.isArray(request) ? request : [request as ConditionScalar])

describe("string operators", () => {
  it("StringEquals matches exactly and case-sensitively; several values are ORed", () => {
    assert.isTrue(matches("StringEquals", ["ExampleApp"], "ExampleApp"))
    assert.isFalse(matches("StringEquals", ["ExampleApp"], "exampleapp"))
    assert.isTrue(matches("StringEquals", ["a", "b"], "b"))
  })
  it("StringNotEquals is true only when no value matches (NOR)", () => {
    assert.isTrue(matches("StringNotEquals", ["a", "b"], "c"))
    assert.isFalse(matches("StringNotEquals", ["a", "b"], "b"))
  })
  it("StringEqualsIgnoreCase and StringNotEqualsIgnoreCase ignore case", () => {
    assert.isTrue(matches("StringEqualsIgnoreCase", ["EXAMPLEAPP"], "exampleApp"))
    assert.isFalse(matches("StringNotEqualsIgnoreCase", ["EXAMPLEAPP"], "exampleApp"))
    assert.isTrue(matches("StringNotEqualsIgnoreCase", ["EXAMPLEAPP"], "other"))
  })
  it("StringLike and StringNotLike take * and ? wildcards, case-sensitively", () => {
    assert.isTrue(matches("StringLike", ["RSA_*"], "RSA_4096"))
    assert.isTrue(matches("StringLike", ["HMAC_?24"], "HMAC_224"))
    assert.isFalse(matches("StringLike", ["rsa_*"], "RSA_4096"))
    assert.isTrue(matches("StringNotLike", ["RSA_*"], "ECC_NIST_P256"))
    assert.isFalse(matches("StringNotLike", ["RSA_*", "ECC_*"], "ECC_NIST_P256"))
  })
  it("compares numbers and booleans in the request as their text", () => {
    assert.isTrue(matches("StringEquals", ["111122223333"], 111122223333))
    assert.isTrue(matches("StringEquals", ["true"], true))
  })
})

describe("numeric operators", () => {
  it("compare as numbers, not text", () => {
    assert.isTrue(matches("NumericEquals", ["10"], "10.0"))
    assert.isTrue(matches("NumericNotEquals", ["10"], 11))
    assert.isFalse(matches("NumericNotEquals", ["10"], 10))
    assert.isTrue(matches("NumericLessThan", ["10"], 9))
    assert.isFalse(matches("NumericLessThan", ["10"], 10))
    assert.isTrue(matches("NumericLessThanEquals", ["10"], 10))
    assert.isTrue(matches("NumericGreaterThan", ["10"], "10.5"))
    assert.isFalse(matches("NumericGreaterThan", ["10"], 10))
    assert.isTrue(matches("NumericGreaterThanEquals", ["1546257599.0"], 1546257599))
  })
  it("never match a value that is not a number", () => {
    assert.isFalse(matches("NumericEquals", ["10"], "ten"))
    assert.isFalse(matches("NumericLessThan", ["ten"], 1))
  })
})

describe("date operators", () => {
  const t = Date.UTC(2020, 0, 1, 0, 0, 1)
  it("read ISO 8601 and epoch seconds on both sides", () => {
    assert.isTrue(matches("DateEquals", ["2020-01-01T00:00:01Z"], { epochMillis: t }))
    assert.isTrue(matches("DateEquals", [String(t / 1000)], { epochMillis: t }))
    assert.isTrue(matches("DateEquals", ["2020-01-01T00:00:01Z"], t / 1000))
    assert.isTrue(matches("DateEquals", ["2020-01-01T01:00:01+01:00"], "2020-01-01T00:00:01Z"))
    assert.isTrue(matches("DateEquals", ["2020-01-01"], "2020-01-01T00:00:00.000Z"))
  })
  it("order moments", () => {
    assert.isTrue(matches("DateNotEquals", ["2020-01-01T00:00:00Z"], { epochMillis: t }))
    assert.isTrue(matches("DateLessThan", ["2020-01-01T00:00:02Z"], { epochMillis: t }))
    assert.isFalse(matches("DateLessThan", ["2020-01-01T00:00:01Z"], { epochMillis: t }))
    assert.isTrue(matches("DateLessThanEquals", ["2020-01-01T00:00:01Z"], { epochMillis: t }))
    assert.isTrue(matches("DateGreaterThan", ["2020-01-01T00:00:00Z"], { epochMillis: t }))
    assert.isTrue(matches("DateGreaterThanEquals", ["2020-01-01T00:00:01Z"], { epochMillis: t }))
    assert.isFalse(matches("DateGreaterThan", ["2021"], { epochMillis: t }))
  })
  it("never match what is not a date", () => {
    assert.isFalse(matches("DateEquals", ["yesterday"], { epochMillis: t }))
    assert.isFalse(matches("DateLessThan", ["2020-13-01"], { epochMillis: t }))
  })
})

describe("Bool, BinaryEquals and IP address operators", () => {
  it("Bool compares true and false, without regard to case", () => {
    assert.isTrue(matches("Bool", ["true"], true))
    assert.isTrue(matches("Bool", ["True"], "true"))
    assert.isFalse(matches("Bool", ["true"], false))
    assert.isFalse(matches("Bool", ["true"], "yes"))
  })
  it("BinaryEquals compares the bytes behind base64", () => {
    assert.isTrue(matches("BinaryEquals", ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="], "QmluYXJ5VmFsdWVJbkJhc2U2NA=="))
    assert.isFalse(matches("BinaryEquals", ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="], "QmluYXJ5"))
    assert.isFalse(matches("BinaryEquals", ["%%%"], "%%%"))
  })
  it("IpAddress and NotIpAddress test CIDR ranges of both families", () => {
    assert.isTrue(matches("IpAddress", ["203.0.113.0/24", "2001:DB8:1234:5678::/64"], "2001:db8:1234:5678::9"))
    assert.isTrue(matches("IpAddress", ["203.0.113.0/24"], "203.0.113.77"))
    assert.isFalse(matches("IpAddress", ["203.0.113.0/24"], "198.51.100.1"))
    assert.isTrue(matches("NotIpAddress", ["203.0.113.0/24"], "198.51.100.1"))
    assert.isFalse(matches("NotIpAddress", ["203.0.113.0/24"], "203.0.113.1"))
  })
})

describe("ARN operators", () => {
  const arn = "arn:aws:iam::111122223333:role/LimitedAdminRole"
  it("ArnEquals and ArnLike behave identically, component by component", () => {
    for (const operator of ["ArnEquals", "ArnLike"]) {
      assert.isTrue(matches(operator, ["arn:aws:iam::111122223333:role/*"], arn))
      assert.isFalse(matches(operator, ["arn:aws:iam::444455556666:role/*"], arn))
    }
  })
  it("ArnNotEquals and ArnNotLike are their negations", () => {
    for (const operator of ["ArnNotEquals", "ArnNotLike"]) {
      assert.isFalse(matches(operator, ["arn:aws:iam::111122223333:role/*"], arn))
      assert.isTrue(matches(operator, ["arn:aws:iam::444455556666:role/*"], arn))
    }
  })
})

describe("operator names", () => {
  it("knows every IAM condition operator and nothing else", () => {
    assert.sameMembers([...conditionOperatorNames], [
      "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike",
      "StringNotLike", "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
      "NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals", "DateNotEquals", "DateLessThan",
      "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals", "Bool", "BinaryEquals", "IpAddress",
      "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null"
    ])
  })
  it("takes qualifiers and IfExists apart, and refuses Null with IfExists", () => {
    assert.deepStrictEqual(parseOperator("ForAnyValue:StringEqualsIfExists"), {
      base: "StringEquals", qualifier: "ForAnyValue", ifExists: true
    })
    assert.deepStrictEqual(parseOperator("Null"), { base: "Null", qualifier: undefined, ifExists: false })
    assert.isUndefined(parseOperator("NullIfExists"))
    assert.isUndefined(parseOperator("IfExists"))
    assert.isUndefined(parseOperator("ForSomeValues:StringEquals"))
    assert.isUndefined(parseOperator("stringequals"))
  })
})
