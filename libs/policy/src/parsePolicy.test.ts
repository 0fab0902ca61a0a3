import { Result } from "effect"
import { assert, describe, it } from "vitest"
import { parsePolicy } from "./parsePolicy.ts"
import { PolicyMessages } from "./PolicyErrors.ts"
import { printPolicy } from "./printPolicy.ts"
import { policy, rejection } from "./policyFixtures.test-support.ts"

const allowAll = { Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }
const keyDoc = (...statements: ReadonlyArray<unknown>) => ({ Version: "2012-10-17", Statement: statements })

describe("parsing policy documents", () => {
  it("reads the default key policy", () => {
    const document = policy({
      Version: "2012-10-17",
      Id: "key-default-1",
      Statement: [{
        Sid: "Enable IAM User Permissions", Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*"
      }]
    })
    assert.deepStrictEqual(document, {
      kind: "key",
      version: "2012-10-17",
      id: "key-default-1",
      statements: [{
        sid: "Enable IAM User Permissions",
        effect: "Allow",
        principal: { _tag: "PrincipalMap", aws: ["arn:aws:iam::111122223333:root"], service: [] },
        notPrincipal: false,
        action: { negated: false, values: ["kms:*"] },
        resource: { negated: false, values: ["*"] },
        conditions: []
      }]
    })
  })
  it("accepts a single statement object as well as a list", () => {
    const single = policy({ Version: "2012-10-17", Statement: allowAll })
    assert.strictEqual(single.statements.length, 1)
  })
  it("accepts both policy versions and no version at all", () => {
    assert.strictEqual(policy({ Version: "2008-10-17", Statement: allowAll }).version, "2008-10-17")
    assert.isUndefined(policy({ Statement: allowAll }).version)
  })
  it("reads every principal form a key policy may use", () => {
    const principals = [
      "*", { AWS: "*" }, { AWS: "111122223333" }, { AWS: "arn:aws:iam::111122223333:root" },
      { AWS: ["arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:role/path/R"] },
      { AWS: "arn:aws:sts::111122223333:assumed-role/R/session" }, { Service: "ec2.amazonaws.com" },
      { AWS: "arn:aws-cn:iam::111122223333:root", Service: ["logs.amazonaws.com"] }
    ]
    for (const principal of principals) {
      assert.isUndefined(rejection(keyDoc({ ...allowAll, Principal: principal })), JSON.stringify(principal))
    }
  })
  it("reads NotPrincipal, NotAction and NotResource", () => {
    const document = policy(keyDoc({
      Effect: "Deny", NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" }, NotAction: ["kms:Decrypt"], NotResource: "*"
    }))
    const [statement] = document.statements
    assert.isTrue(statement!.notPrincipal)
    assert.isTrue(statement!.action.negated)
    assert.isTrue(statement!.resource.negated)
  })
  it("takes condition operators apart and reads JSON booleans and numbers as text", () => {
    const document = policy(keyDoc({
      ...allowAll,
      Condition: {
        "ForAllValues:StringLikeIfExists": { "kms:EncryptionContextKeys": ["App*", "Team"] },
        Bool: { "aws:SecureTransport": true },
        NumericLessThan: { "kms:ValidTo": 1546257599 }
      }
    }))
    assert.deepStrictEqual(document.statements[0]!.conditions, [
      {
        operator: "ForAllValues:StringLikeIfExists", base: "StringLike", qualifier: "ForAllValues", ifExists: true,
        key: "kms:EncryptionContextKeys", values: ["App*", "Team"]
      },
      { operator: "Bool", base: "Bool", ifExists: false, key: "aws:SecureTransport", values: ["true"] },
      { operator: "NumericLessThan", base: "NumericLessThan", ifExists: false, key: "kms:ValidTo", values: ["1546257599"] }
    ])
  })
  it("prints a policy that parses back to the same document", () => {
    const document = policy(keyDoc(
      { ...allowAll, Sid: "a", Condition: { StringEquals: { "kms:CallerAccount": ["1", "2"] } } },
      { Effect: "Deny", NotPrincipal: { AWS: ["111122223333"], Service: "s3.amazonaws.com" }, NotAction: "kms:D*", Resource: ["arn:aws:kms:*:1:key/*", "*"] }
    ))
    const reparsed = parsePolicy(printPolicy(document), "key")
    assert.deepStrictEqual(Result.getOrThrow(reparsed), document)
  })
})

describe("rejecting malformed policy documents", () => {
  it("rejects text that is not JSON, or JSON that is not an object", () => {
    assert.strictEqual(rejection("{not json"), PolicyMessages.invalidJson)
    assert.strictEqual(rejection("[1,2]"), PolicyMessages.notAnObject)
  })
  it("rejects a missing or empty Statement", () => {
    assert.strictEqual(rejection({ Version: "2012-10-17" }), PolicyMessages.noStatement)
    assert.strictEqual(rejection(keyDoc()), PolicyMessages.noStatement)
  })
  it("rejects versions other than 2012-10-17 and 2008-10-17", () => {
    assert.strictEqual(rejection({ Version: "2012-10-18", Statement: allowAll }), PolicyMessages.unsupportedVersion("2012-10-18"))
  })
  it("rejects unknown elements at the top and in statements", () => {
    assert.strictEqual(rejection({ Statement: allowAll, Extra: 1 }), PolicyMessages.unknownElement("Extra"))
    assert.strictEqual(rejection(keyDoc({ ...allowAll, Actions: "x" })), PolicyMessages.unknownElement("Actions"))
  })
  it("rejects an Effect other than Allow or Deny, case-sensitively", () => {
    assert.strictEqual(rejection(keyDoc({ ...allowAll, Effect: "allow" })), PolicyMessages.badEffect)
    assert.strictEqual(rejection(keyDoc({ ...allowAll, Effect: undefined })), PolicyMessages.badEffect)
  })
  it("rejects a key policy statement with no principal, in AWS's words", () => {
    assert.strictEqual(
      rejection(keyDoc({ Effect: "Allow", Action: "kms:*", Resource: "*" })),
      "Policy contains a statement with no principal."
    )
  })
  it("rejects a principal in an identity policy, in IAM's words", () => {
    assert.strictEqual(rejection(keyDoc(allowAll), "identity"), "Policy document should not specify a principal.")
  })
  it("rejects invalid principals, in AWS's words", () => {
    for (const principal of [
      "arn:aws:iam::111122223333:root", { AWS: "arn:aws:iam::111122223333:user/*" }, { AWS: "11112222333" },
      { AWS: [] }, { Federated: "cognito-identity.amazonaws.com" }, {}, { AWS: "arn:aws:iam::111122223333:group/G" }
    ]) {
      assert.strictEqual(rejection(keyDoc({ ...allowAll, Principal: principal })), PolicyMessages.invalidPrincipal, JSON.stringify(principal))
    }
  })
  it("rejects Principal with NotPrincipal, Action with NotAction, Resource with NotResource", () => {
    assert.strictEqual(rejection(keyDoc({ ...allowAll, NotPrincipal: "*" })), PolicyMessages.principalAndNotPrincipal)
    assert.strictEqual(rejection(keyDoc({ ...allowAll, NotAction: "kms:Decrypt" })), PolicyMessages.actionAndNotAction)
    assert.strictEqual(rejection(keyDoc({ ...allowAll, NotResource: "*" })), PolicyMessages.resourceAndNotResource)
  })
  it("rejects statements without actions or resources", () => {
    assert.strictEqual(rejection(keyDoc({ Effect: "Allow", Principal: "*", Resource: "*" })), PolicyMessages.noActions)
    assert.strictEqual(rejection(keyDoc({ ...allowAll, Action: [] })), PolicyMessages.noActions)
    assert.strictEqual(rejection(keyDoc({ Effect: "Allow", Principal: "*", Action: "kms:*" })), PolicyMessages.noResources)
  })
  it("rejects actions without a vendor prefix or with two colons, and resources that are not ARNs", () => {
    assert.strictEqual(rejection(keyDoc({ ...allowAll, Action: "Encrypt" })), PolicyMessages.actionWithoutVendor)
    assert.strictEqual(rejection(keyDoc({ ...allowAll, Action: "kms:a:b" })), PolicyMessages.actionWithColons)
    assert.strictEqual(rejection(keyDoc({ ...allowAll, Action: "k ms:Encrypt" })), PolicyMessages.invalidVendor("k ms"))
    assert.strictEqual(rejection(keyDoc({ ...allowAll, Resource: "my-key" })), PolicyMessages.resourceNotArn("my-key"))
    assert.strictEqual(rejection(keyDoc({ ...allowAll, Action: 7 })), PolicyMessages.notAString("Action"))
  })
  it("rejects invalid condition operators and condition values", () => {
    assert.strictEqual(
      rejection(keyDoc({ ...allowAll, Condition: { StringEqualz: { k: "v" } } })),
      PolicyMessages.invalidOperator("StringEqualz")
    )
    assert.strictEqual(
      rejection(keyDoc({ ...allowAll, Condition: { NullIfExists: { k: "true" } } })),
      PolicyMessages.invalidOperator("NullIfExists")
    )
    assert.strictEqual(rejection(keyDoc({ ...allowAll, Condition: { StringEquals: "v" } })), PolicyMessages.badCondition)
    assert.strictEqual(
      rejection(keyDoc({ ...allowAll, Condition: { StringEquals: { k: { nested: 1 } } } })),
      PolicyMessages.badConditionValue("StringEquals", "k")
    )
  })
  it("rejects repeated statement ids in identity policies", () => {
    const statement = { Sid: "same", Effect: "Allow", Action: "kms:*", Resource: "*" }
    assert.strictEqual(rejection(keyDoc(statement, statement), "identity"), PolicyMessages.duplicateSid)
  })
  it("answers with the MalformedPolicyDocument tag protocol maps to MalformedPolicyDocumentException", () => {
    const parsed = parsePolicy("{", "key")
    assert.isTrue(Result.isFailure(parsed))
    if (Result.isFailure(parsed)) assert.strictEqual(parsed.failure._tag, "MalformedPolicyDocument")
  })
})
