import { assert, describe, it } from "vitest"
import type { RequestPrincipal } from "./AuthorizationRequest.ts"
import { evaluatePolicy, type PolicyDecision } from "./evaluatePolicy.ts"
import { keyPolicy, request, role, user } from "./policyFixtures.test-support.ts"
import { type RequestFacts, requestConditions } from "./requestConditions.ts"

/**
 * The condition examples of AWS's documentation, each under the page and
 * section it reproduces. Policies are evaluated on their own (evaluatePolicy).
 */
const CONDITIONS = "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html"
const OPERATORS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html"

const appRole = role("RoleForExampleApp")
const statement = (principal: RequestPrincipal, action: string | ReadonlyArray<string>, condition: object, effect = "Allow") => ({
  Effect: effect, Principal: { AWS: principal.arn }, Action: action, Resource: "*", Condition: condition
})
const decision = (document: ReturnType<typeof keyPolicy>, principal: RequestPrincipal, action: string, facts: RequestFacts): PolicyDecision =>
  evaluatePolicy(document, request(principal, action, requestConditions({ caller: principal, ...facts })))

describe(`${CONDITIONS} — "kms:EncryptionContext:context-key"`, () => {
  const requireApp = keyPolicy(statement(appRole, "kms:GenerateDataKey", { StringEquals: { "kms:EncryptionContext:AppName": "ExampleApp" } }))
  it("allows GenerateDataKey only with the AppName:ExampleApp pair; other pairs are permitted", () => {
    assert.strictEqual(decision(requireApp, appRole, "kms:GenerateDataKey", { encryptionContext: { AppName: "ExampleApp", Team: "A" } }), "Allow")
    assert.strictEqual(decision(requireApp, appRole, "kms:GenerateDataKey", { encryptionContext: { AppName: "Other" } }), "NotApplicable")
    assert.strictEqual(decision(requireApp, appRole, "kms:GenerateDataKey", {}), "NotApplicable")
  })
  it("requiring the pair and forbidding all others takes ForAllValues on kms:EncryptionContextKeys too", () => {
    const alice = user("alice")
    const only = keyPolicy(statement(alice, "kms:GenerateDataKey", {
      StringEquals: { "kms:EncryptionContext:AppName": "ExampleApp" },
      "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["AppName"] }
    }))
    assert.strictEqual(decision(only, alice, "kms:GenerateDataKey", { encryptionContext: { AppName: "ExampleApp" } }), "Allow")
    assert.strictEqual(decision(only, alice, "kms:GenerateDataKey", { encryptionContext: { AppName: "ExampleApp", Team: "A" } }), "NotApplicable")
    assert.strictEqual(decision(only, alice, "kms:GenerateDataKey", {}), "NotApplicable")
  })
  it("a Deny forbids Stage=Restricted but allows other Stage values", () => {
    const deny = keyPolicy(statement(appRole, "kms:GenerateDataKey", { StringEquals: { "kms:EncryptionContext:Stage": "Restricted" } }, "Deny"))
    assert.strictEqual(decision(deny, appRole, "kms:GenerateDataKey", { encryptionContext: { Stage: "Restricted" } }), "Deny")
    assert.strictEqual(decision(deny, appRole, "kms:GenerateDataKey", { encryptionContext: { Stage: "Test" } }), "NotApplicable")
  })
})

describe(`${CONDITIONS} — "Using multiple encryption context pairs"`, () => {
  it("two keys in one condition are ANDed", () => {
    const both = keyPolicy(statement(appRole, "kms:Decrypt", {
      StringEquals: { "kms:EncryptionContext:Department": "IT", "kms:EncryptionContext:Project": "Alpha" }
    }))
    assert.strictEqual(decision(both, appRole, "kms:Decrypt", { encryptionContext: { Department: "IT", Project: "Alpha", X: "y" } }), "Allow")
    assert.strictEqual(decision(both, appRole, "kms:Decrypt", { encryptionContext: { Department: "IT" } }), "NotApplicable")
  })
  it("one pair OR another takes two statements", () => {
    const either = keyPolicy(
      statement(appRole, "kms:GenerateDataKey", { StringEquals: { "kms:EncryptionContext:Department": "IT" } }),
      statement(appRole, "kms:GenerateDataKey", { StringEquals: { "kms:EncryptionContext:Project": "Alpha" } })
    )
    assert.strictEqual(decision(either, appRole, "kms:GenerateDataKey", { encryptionContext: { Project: "Alpha" } }), "Allow")
    assert.strictEqual(decision(either, appRole, "kms:GenerateDataKey", { encryptionContext: { Department: "IT" } }), "Allow")
    assert.strictEqual(decision(either, appRole, "kms:GenerateDataKey", { encryptionContext: { Project: "Beta" } }), "NotApplicable")
  })
  it("several values of one key are ORed: a Deny on Stage Restricted or Production", () => {
    const deny = keyPolicy(statement(appRole, "kms:GenerateDataKey", {
      StringEquals: { "kms:EncryptionContext:Stage": ["Restricted", "Production"] }
    }, "Deny"))
    assert.strictEqual(decision(deny, appRole, "kms:GenerateDataKey", { encryptionContext: { Stage: "Production" } }), "Deny")
    assert.strictEqual(decision(deny, appRole, "kms:GenerateDataKey", { encryptionContext: { Stage: "Test" } }), "NotApplicable")
  })
})

describe(`${CONDITIONS} — "Case sensitivity of the encryption context condition"`, () => {
  it("the context key part of the condition key is not case sensitive; StringEquals keeps the value's case", () => {
    const document = keyPolicy(statement(appRole, "kms:Decrypt", { StringEquals: { "kms:EncryptionContext:Appname": "ExampleApp" } }))
    assert.strictEqual(decision(document, appRole, "kms:Decrypt", { encryptionContext: { AppName: "ExampleApp" } }), "Allow")
    assert.strictEqual(decision(document, appRole, "kms:Decrypt", { encryptionContext: { APPNAME: "ExampleApp" } }), "Allow")
    assert.strictEqual(decision(document, appRole, "kms:Decrypt", { encryptionContext: { AppName: "exampleapp" } }), "NotApplicable")
  })
  it("kms:EncryptionContextKeys with StringEquals makes the context key case-sensitive", () => {
    const document = keyPolicy(statement(appRole, "kms:GenerateDataKey", { "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": "AppName" } }))
    assert.strictEqual(decision(document, appRole, "kms:GenerateDataKey", { encryptionContext: { AppName: "x" } }), "Allow")
    assert.strictEqual(decision(document, appRole, "kms:GenerateDataKey", { encryptionContext: { appname: "x" } }), "NotApplicable")
  })
})

describe(`${CONDITIONS} — "kms:EncryptionContextKeys"`, () => {
  it("ForAnyValue: AppName=Helper,Project=Alpha passes; only Project=Alpha or no context fails", () => {
    const document = keyPolicy(statement(appRole, ["kms:Encrypt", "kms:GenerateDataKey*"], {
      "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": "AppName" }
    }))
    assert.strictEqual(decision(document, appRole, "kms:GenerateDataKey", { encryptionContext: { AppName: "Helper", Project: "Alpha" } }), "Allow")
    assert.strictEqual(decision(document, appRole, "kms:GenerateDataKey", { encryptionContext: { Project: "Alpha" } }), "NotApplicable")
    assert.strictEqual(decision(document, appRole, "kms:GenerateDataKey", {}), "NotApplicable")
  })
  it("Null false requires some encryption context, whatever it is", () => {
    const document = keyPolicy(statement(appRole, ["kms:Encrypt", "kms:GenerateDataKey*"], { Null: { "kms:EncryptionContextKeys": false } }))
    assert.strictEqual(decision(document, appRole, "kms:Encrypt", { encryptionContext: { Any: "thing" } }), "Allow")
    assert.strictEqual(decision(document, appRole, "kms:Encrypt", {}), "NotApplicable")
  })
  it("ForAllValues alone allows a request with no encryption context at all", () => {
    const document = keyPolicy(statement(appRole, "kms:Encrypt", { "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["AppName"] } }))
    assert.strictEqual(decision(document, appRole, "kms:Encrypt", {}), "Allow")
  })
})

describe(`${CONDITIONS} — "kms:GrantOperations"`, () => {
  const exampleUser = user("ExampleUser")
  it("ForAllValues allows grants of Encrypt, ReEncryptTo or both, and nothing else", () => {
    const document = keyPolicy(statement(exampleUser, "kms:CreateGrant", {
      "ForAllValues:StringEquals": { "kms:GrantOperations": ["Encrypt", "ReEncryptTo"] }
    }))
    assert.strictEqual(decision(document, exampleUser, "kms:CreateGrant", { grantOperations: ["Encrypt"] }), "Allow")
    assert.strictEqual(decision(document, exampleUser, "kms:CreateGrant", { grantOperations: ["Encrypt", "ReEncryptTo"] }), "Allow")
    assert.strictEqual(decision(document, exampleUser, "kms:CreateGrant", { grantOperations: ["Encrypt", "Decrypt"] }), "NotApplicable")
  })
  it("with ForAnyValue one of them is required but other operations are allowed", () => {
    const document = keyPolicy(statement(exampleUser, "kms:CreateGrant", {
      "ForAnyValue:StringEquals": { "kms:GrantOperations": ["Encrypt", "ReEncryptTo"] }
    }))
    assert.strictEqual(decision(document, exampleUser, "kms:CreateGrant", { grantOperations: ["Encrypt", "Decrypt"] }), "Allow")
    assert.strictEqual(decision(document, exampleUser, "kms:CreateGrant", { grantOperations: ["Decrypt"] }), "NotApplicable")
  })
})

describe(`${CONDITIONS} — "kms:ResourceAliases"`, () => {
  it("ForAllValues with ForAnyValue allows keys whose aliases all contain Test, and not keys with none", () => {
    const alice = user("alice")
    const document = keyPolicy(statement(alice, ["kms:EnableKey", "kms:DisableKey"], {
      "ForAllValues:StringLike": { "kms:ResourceAliases": ["alias/*Test*"] },
      "ForAnyValue:StringLike": { "kms:ResourceAliases": ["alias/*Test*"] }
    }))
    assert.strictEqual(decision(document, alice, "kms:EnableKey", { resourceAliases: ["alias/Test-1", "alias/MyTest"] }), "Allow")
    assert.strictEqual(decision(document, alice, "kms:EnableKey", { resourceAliases: ["alias/Test-1", "alias/prod"] }), "NotApplicable")
    assert.strictEqual(decision(document, alice, "kms:EnableKey", { resourceAliases: [] }), "NotApplicable")
  })
})

describe(`${CONDITIONS} — "kms:KeySpec", "kms:RequestAlias", "kms:MacAlgorithm", "kms:BypassPolicyLockoutSafetyCheck"`, () => {
  const exampleUser = user("ExampleUser")
  it("StringLike RSA_* allows creating only RSA keys", () => {
    const document = keyPolicy(statement(exampleUser, "kms:CreateKey", { StringLike: { "kms:KeySpec": "RSA_*" } }))
    assert.strictEqual(decision(document, exampleUser, "kms:CreateKey", { keySpec: "RSA_4096" }), "Allow")
    assert.strictEqual(decision(document, exampleUser, "kms:CreateKey", { keySpec: "ECC_NIST_P256" }), "NotApplicable")
  })
  it("kms:RequestAlias allows GenerateDataKey only when the request names alias/finance-key", () => {
    const developer = role("developer")
    const document = keyPolicy(statement(developer, "kms:GenerateDataKey", { StringEquals: { "kms:RequestAlias": "alias/finance-key" } }))
    assert.strictEqual(decision(document, developer, "kms:GenerateDataKey", { requestAlias: "alias/finance-key" }), "Allow")
    assert.strictEqual(decision(document, developer, "kms:GenerateDataKey", {}), "NotApplicable")
  })
  it("two MAC algorithms take two statements: one condition with both would require both", () => {
    const testers = role("testers")
    const mac = (algorithm: string) => statement(testers, ["kms:GenerateMac", "kms:VerifyMac"], { StringEquals: { "kms:MacAlgorithm": algorithm } })
    const document = keyPolicy(mac("HMAC_SHA_384"), mac("HMAC_SHA_512"))
    assert.strictEqual(decision(document, testers, "kms:GenerateMac", { macAlgorithm: "HMAC_SHA_512" }), "Allow")
    assert.strictEqual(decision(document, testers, "kms:GenerateMac", { macAlgorithm: "HMAC_SHA_256" }), "NotApplicable")
  })
  it("Null true allows PutKeyPolicy only when the request has no BypassPolicyLockoutSafetyCheck", () => {
    const document = keyPolicy(statement(exampleUser, "kms:PutKeyPolicy", { Null: { "kms:BypassPolicyLockoutSafetyCheck": true } }))
    assert.strictEqual(decision(document, exampleUser, "kms:PutKeyPolicy", {}), "Allow")
    assert.strictEqual(decision(document, exampleUser, "kms:PutKeyPolicy", { bypassPolicyLockoutSafetyCheck: true }), "NotApplicable")
  })
})

describe(`${OPERATORS} — "Condition operators" (missing keys, IfExists, Bool)`, () => {
  const alice = user("alice")
  it("a missing key makes StringEquals false and StringNotLike true", () => {
    const positive = keyPolicy(statement(alice, "kms:Encrypt", { StringEquals: { "aws:ResourceTag/Project": "Alpha" } }))
    const negated = keyPolicy(statement(alice, "kms:Encrypt", { StringNotLike: { "aws:ResourceTag/Project": "Alpha*" } }))
    assert.strictEqual(decision(positive, alice, "kms:Encrypt", {}), "NotApplicable")
    assert.strictEqual(decision(negated, alice, "kms:Encrypt", {}), "Allow")
  })
  it("StringLikeIfExists tests the key only when it is present", () => {
    const document = keyPolicy(statement(alice, "kms:CreateKey", { StringLikeIfExists: { "kms:KeySpec": ["RSA_*", "ECC_*"] } }))
    assert.strictEqual(decision(document, alice, "kms:CreateKey", {}), "Allow")
    assert.strictEqual(decision(document, alice, "kms:CreateKey", { keySpec: "ECC_NIST_P256" }), "Allow")
    assert.strictEqual(decision(document, alice, "kms:CreateKey", { keySpec: "HMAC_256" }), "NotApplicable")
  })
  it("Bool on aws:SecureTransport false denies requests that did not use TLS", () => {
    const document = keyPolicy({
      Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } }
    })
    assert.strictEqual(decision(document, alice, "kms:Encrypt", { secureTransport: false }), "Deny")
    assert.strictEqual(decision(document, alice, "kms:Encrypt", { secureTransport: true }), "NotApplicable")
  })
  it("IpAddress on aws:SourceIp allows only requests from 203.0.113.0/24", () => {
    const document = keyPolicy(statement(alice, "kms:Encrypt", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }))
    assert.strictEqual(decision(document, alice, "kms:Encrypt", { sourceIp: "203.0.113.200" }), "Allow")
    assert.strictEqual(decision(document, alice, "kms:Encrypt", { sourceIp: "198.51.100.1" }), "NotApplicable")
  })
  it("DateGreaterThan on aws:CurrentTime compares the request's time", () => {
    const document = keyPolicy(statement(alice, "kms:Encrypt", { DateGreaterThan: { "aws:CurrentTime": "2020-01-01T00:00:01Z" } }))
    assert.strictEqual(decision(document, alice, "kms:Encrypt", { now: Date.UTC(2021, 0, 1) }), "Allow")
    assert.strictEqual(decision(document, alice, "kms:Encrypt", { now: Date.UTC(2019, 0, 1) }), "NotApplicable")
  })
})
