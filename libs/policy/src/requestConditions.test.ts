import { Schema } from "effect"
import { assert, describe, it } from "vitest"
import { AuthorizationRequest } from "./AuthorizationRequest.ts"
import { PolicyDocument } from "./PolicyDocument.ts"
import { defaultKeyPolicy, KEY_ARN, session, user } from "./policyFixtures.test-support.ts"
import { requestConditions } from "./requestConditions.ts"

describe("building the condition-key map", () => {
  it("fills the caller's keys, aws:username only for IAM users", () => {
    assert.deepStrictEqual(requestConditions({ caller: { ...user("alice"), id: "AIDAEXAMPLE" } }), {
      "kms:CallerAccount": "111122223333",
      "aws:PrincipalArn": "arn:aws:iam::111122223333:user/alice",
      "aws:PrincipalAccount": "111122223333",
      "aws:userid": "AIDAEXAMPLE",
      "aws:username": "alice"
    })
    assert.notProperty(requestConditions({ caller: session("R", "s") }), "aws:username")
  })
  it("fills one key per encryption context pair and the multivalued key list", () => {
    assert.deepStrictEqual(requestConditions({ encryptionContext: { AppName: "ExampleApp", Team: "A" } }), {
      "kms:EncryptionContext:AppName": "ExampleApp",
      "kms:EncryptionContext:Team": "A",
      "kms:EncryptionContextKeys": ["AppName", "Team"]
    })
  })
  it("leaves kms:EncryptionContextKeys absent without an encryption context", () => {
    assert.deepStrictEqual(requestConditions({ encryptionContext: {} }), {})
  })
  it("fills time as aws:CurrentTime and aws:EpochTime in seconds", () => {
    assert.deepStrictEqual(requestConditions({ now: 1_577_836_801_500 }), {
      "aws:CurrentTime": { epochMillis: 1_577_836_801_500 },
      "aws:EpochTime": 1_577_836_801
    })
  })
  it("fills tags as aws:ResourceTag/…, aws:RequestTag/… and aws:TagKeys", () => {
    assert.deepStrictEqual(requestConditions({ resourceTags: { Project: "Alpha" }, requestTags: { Stage: "Test" } }), {
      "aws:ResourceTag/Project": "Alpha",
      "aws:RequestTag/Stage": "Test",
      "aws:TagKeys": ["Stage"]
    })
  })
  it("fills every KMS request key under its AWS name", () => {
    const conditions = requestConditions({
      sourceIp: "203.0.113.7", secureTransport: true, grantOperations: ["Encrypt"], grantIsForAwsResource: false,
      grantConstraintType: "EncryptionContextSubset", granteePrincipal: "g", retiringPrincipal: "r", keySpec: "SYMMETRIC_DEFAULT",
      keyUsage: "ENCRYPT_DECRYPT", keyOrigin: "AWS_KMS", requestAlias: "alias/a", resourceAliases: ["alias/a"],
      encryptionAlgorithm: "SYMMETRIC_DEFAULT", signingAlgorithm: "ECDSA_SHA_256", macAlgorithm: "HMAC_SHA_256",
      messageType: "RAW", viaService: "ec2.us-west-2.amazonaws.com", bypassPolicyLockoutSafetyCheck: false
    })
    assert.sameMembers(Object.keys(conditions), [
      "aws:SourceIp", "aws:SecureTransport", "kms:GrantOperations", "kms:GrantIsForAWSResource", "kms:GrantConstraintType",
      "kms:GranteePrincipal", "kms:RetiringPrincipal", "kms:KeySpec", "kms:KeyUsage", "kms:KeyOrigin", "kms:RequestAlias",
      "kms:ResourceAliases", "kms:EncryptionAlgorithm", "kms:SigningAlgorithm", "kms:MacAlgorithm", "kms:MessageType",
      "kms:ViaService", "kms:BypassPolicyLockoutSafetyCheck"
    ])
  })
})

describe("the shapes' schemas", () => {
  it("decode a request built from every kind of condition value", () => {
    const request = {
      principal: { ...user("alice"), id: "AIDAEXAMPLE" },
      action: "kms:Encrypt",
      resource: KEY_ARN,
      conditions: requestConditions({ caller: user("alice"), now: 0, encryptionContext: { a: "b" }, secureTransport: true })
    }
    assert.deepStrictEqual(Schema.decodeUnknownSync(AuthorizationRequest)(request), request)
  })
  it("decode a parsed policy document", () => {
    const document = defaultKeyPolicy()
    assert.deepStrictEqual(Schema.decodeUnknownSync(PolicyDocument)(document), document)
  })
})
