import { assert, describe, it } from "vitest"
import { conditionLookup, type Conditions } from "./AuthorizationRequest.ts"
import { conditionOperators } from "./conditionOperators.ts"
import { clauseMatches, conditionsMatch } from "./evaluateCondition.ts"
import { clause } from "./policyFixtures.test-support.ts"

const KEYS = "kms:EncryptionContextKeys"

describe("missing condition keys", () => {
  it("make positive operators false and negated operators true", () => {
    assert.isFalse(clauseMatches(clause("StringEquals", ["a"]), undefined))
    assert.isFalse(clauseMatches(clause("StringLike", ["*"]), undefined))
    assert.isFalse(clauseMatches(clause("NumericLessThan", ["1"]), undefined))
    assert.isFalse(clauseMatches(clause("Bool", ["false"]), undefined))
    assert.isTrue(clauseMatches(clause("StringNotEquals", ["a"]), undefined))
    assert.isTrue(clauseMatches(clause("StringNotLike", ["a*"]), undefined))
    assert.isTrue(clauseMatches(clause("ArnNotLike", ["arn:*"]), undefined))
    assert.isTrue(clauseMatches(clause("NotIpAddress", ["10.0.0.0/8"]), undefined))
  })
  it("hold for every operator: positive ones false, negated ones true, every …IfExists form true", () => {
    for (const [name, operator] of Object.entries(conditionOperators)) {
      assert.strictEqual(clauseMatches(clause(name, ["x"]), undefined), operator.negated, name)
      assert.isTrue(clauseMatches(clause(`${name}IfExists`, ["x"]), undefined), `${name}IfExists`)
    }
  })
  it("leave every …IfExists operator testing a present key exactly as its base operator does", () => {
    const samples: ReadonlyArray<[string, string]> = [
      ["a", "a"], ["a", "b"], ["5", "7"], ["2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z"], ["true", "false"],
      ["10.0.0.0/8", "10.1.2.3"], ["arn:aws:iam::1:role/*", "arn:aws:iam::1:role/R"], ["QQ==", "QQ=="]
    ]
    for (const name of Object.keys(conditionOperators)) {
      for (const [policyValue, requestValue] of samples) {
        assert.strictEqual(
          clauseMatches(clause(`${name}IfExists`, [policyValue]), [requestValue]),
          clauseMatches(clause(name, [policyValue]), [requestValue]),
          `${name} ${policyValue} ${requestValue}`
        )
      }
    }
  })
  it("make every …IfExists operator true, positive or negated", () => {
    assert.isTrue(clauseMatches(clause("StringEqualsIfExists", ["a"]), undefined))
    assert.isTrue(clauseMatches(clause("StringNotEqualsIfExists", ["a"]), undefined))
    assert.isTrue(clauseMatches(clause("DateLessThanIfExists", ["2020"]), undefined))
  })
  it("leave …IfExists operators testing a key that is present", () => {
    assert.isTrue(clauseMatches(clause("StringEqualsIfExists", ["a"]), ["a"]))
    assert.isFalse(clauseMatches(clause("StringEqualsIfExists", ["a"]), ["b"]))
    assert.isFalse(clauseMatches(clause("StringNotEqualsIfExists", ["a"]), ["a"]))
  })
  it("treat an empty list like a missing key for plain operators", () => {
    assert.isFalse(clauseMatches(clause("StringEquals", ["a"]), []))
    assert.isTrue(clauseMatches(clause("StringNotEquals", ["a"]), []))
  })
})

describe("the Null operator", () => {
  it("is true for a missing key when the policy says true, and for a present key when it says false", () => {
    assert.isTrue(clauseMatches(clause("Null", ["true"]), undefined))
    assert.isFalse(clauseMatches(clause("Null", ["true"]), ["x"]))
    assert.isTrue(clauseMatches(clause("Null", ["false"]), ["x"]))
    assert.isFalse(clauseMatches(clause("Null", ["false"]), undefined))
  })
  it("counts an empty set as null", () => {
    assert.isTrue(clauseMatches(clause("Null", ["true"]), []))
  })
})

describe("set operators", () => {
  it("ForAllValues is true when every request value matches some policy value", () => {
    const c = clause("ForAllValues:StringEquals", ["Department", "Project"])
    assert.isTrue(clauseMatches(c, ["Department"]))
    assert.isTrue(clauseMatches(c, ["Project", "Department"]))
    assert.isFalse(clauseMatches(c, ["Department", "Stage"]))
  })
  it("ForAllValues is true on a missing key and on an empty set", () => {
    const c = clause("ForAllValues:StringEquals", ["Encrypt"])
    assert.isTrue(clauseMatches(c, undefined))
    assert.isTrue(clauseMatches(c, []))
  })
  it("ForAnyValue is true when one request value matches, false on a missing key or empty set", () => {
    const c = clause("ForAnyValue:StringEquals", ["AppName"])
    assert.isTrue(clauseMatches(c, ["AppName", "Project"]))
    assert.isFalse(clauseMatches(c, ["Project"]))
    assert.isFalse(clauseMatches(c, undefined))
    assert.isFalse(clauseMatches(c, []))
  })
  it("ForAnyValue…IfExists is true on a missing key", () => {
    assert.isTrue(clauseMatches(clause("ForAnyValue:StringEqualsIfExists", ["a"]), undefined))
  })
  it("negated set operators test each request value against all policy values", () => {
    const all = clause("ForAllValues:StringNotEquals", ["Decrypt", "ReEncryptFrom"])
    assert.isTrue(clauseMatches(all, ["Encrypt", "GenerateDataKey"]))
    assert.isFalse(clauseMatches(all, ["Encrypt", "Decrypt"]))
    assert.isTrue(clauseMatches(all, undefined))
    const any = clause("ForAnyValue:StringNotLike", ["alias/*Test*"])
    assert.isTrue(clauseMatches(any, ["alias/Test-1", "alias/prod"]))
    assert.isFalse(clauseMatches(any, ["alias/Test-1"]))
    assert.isFalse(clauseMatches(any, undefined))
  })
  it("a plain operator on a multivalued key needs one match, or for a negated one, no match at all", () => {
    assert.isTrue(clauseMatches(clause("StringEquals", ["a"]), ["b", "a"]))
    assert.isFalse(clauseMatches(clause("StringNotEquals", ["a"]), ["b", "a"]))
    assert.isTrue(clauseMatches(clause("StringNotEquals", ["a"]), ["b", "c"]))
  })
})

describe("condition blocks", () => {
  const lookup = (conditions: Conditions) => conditionLookup(conditions)
  it("AND their operators and keys, OR the values of one key", () => {
    const block = [
      clause("StringEquals", ["IT"], "kms:EncryptionContext:Department"),
      clause("StringEquals", ["Alpha", "Beta"], "kms:EncryptionContext:Project")
    ]
    assert.isTrue(conditionsMatch(block, lookup({ "kms:EncryptionContext:Department": "IT", "kms:EncryptionContext:Project": "Beta" })))
    assert.isFalse(conditionsMatch(block, lookup({ "kms:EncryptionContext:Department": "IT" })))
    assert.isFalse(conditionsMatch(block, lookup({ "kms:EncryptionContext:Department": "HR", "kms:EncryptionContext:Project": "Alpha" })))
  })
  it("match with no clauses at all", () => {
    assert.isTrue(conditionsMatch([], lookup({})))
  })
  it("look condition keys up without regard to case, including the encryption context key part", () => {
    const block = [clause("StringEquals", ["ExampleApp"], "KMS:encryptioncontext:appname")]
    assert.isTrue(conditionsMatch(block, lookup({ "kms:EncryptionContext:AppName": "ExampleApp" })))
    assert.isFalse(conditionsMatch(block, lookup({ "kms:EncryptionContext:AppName": "exampleapp" })))
  })
  it("merge request keys that differ only by case into one multivalued key", () => {
    const values = conditionLookup({ "kms:EncryptionContext:App": "1", "kms:EncryptionContext:app": "2" })("KMS:ENCRYPTIONCONTEXT:APP")
    assert.deepStrictEqual(values, ["1", "2"])
  })
  it("read lists as multivalued keys", () => {
    assert.deepStrictEqual(conditionLookup({ [KEYS]: ["a", "b"] })(KEYS), ["a", "b"])
  })
})
