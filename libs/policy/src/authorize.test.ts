import { assert, describe, it } from "vitest"
import type { AuthorizationRequest } from "./AuthorizationRequest.ts"
import { authorize, type AuthorizationInput } from "./authorize.ts"
import type { PolicyDocument } from "./PolicyDocument.ts"
import {
  ACCOUNT, defaultKeyPolicy, identityPolicy, keyPolicy, OTHER_ACCOUNT, request, role, root, session, user
} from "./policyFixtures.test-support.ts"

const alice = user("alice")
const allowEncrypt = identityPolicy({ Effect: "Allow", Action: "kms:Encrypt", Resource: "*" })
const denyEncrypt = identityPolicy({ Effect: "Deny", Action: "kms:Encrypt", Resource: "*" })

const decide = (
  req: AuthorizationRequest,
  fields: { keyPolicy?: PolicyDocument | undefined; identityPolicies?: ReadonlyArray<PolicyDocument>; grantAllows?: boolean } = {}
) => {
  const input: AuthorizationInput = {
    keyPolicy: "keyPolicy" in fields ? fields.keyPolicy : defaultKeyPolicy(),
    keyAccount: ACCOUNT,
    identityPolicies: fields.identityPolicies ?? [],
    grantAllows: fields.grantAllows ?? false,
    request: req
  }
  return authorize(input)
}

const allowFor = (principal: unknown, action = "kms:Encrypt") =>
  keyPolicy({ Effect: "Allow", Principal: { AWS: principal }, Action: action, Resource: "*" })

describe("explicit denies", () => {
  it("a Deny in the key policy beats every allow and every grant", () => {
    const document = keyPolicy(
      { Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" },
      { Effect: "Deny", Principal: { AWS: alice.arn }, Action: "kms:Encrypt", Resource: "*" }
    )
    assert.deepStrictEqual(
      decide(request(alice, "kms:Encrypt"), { keyPolicy: document, identityPolicies: [allowEncrypt], grantAllows: true }),
      { decision: "Deny", reason: "ExplicitDenyInKeyPolicy" }
    )
  })
  it("a Deny in an identity policy beats a key policy that allows the caller directly, and grants", () => {
    assert.deepStrictEqual(
      decide(request(alice, "kms:Encrypt"), { keyPolicy: allowFor(alice.arn), identityPolicies: [denyEncrypt], grantAllows: true }),
      { decision: "Deny", reason: "ExplicitDenyInIdentityPolicy" }
    )
  })
  it("a Deny in both is reported as the key policy's", () => {
    const document = keyPolicy({ Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" })
    assert.deepStrictEqual(decide(request(alice, "kms:Encrypt"), { keyPolicy: document, identityPolicies: [denyEncrypt] }), {
      decision: "Deny", reason: "ExplicitDenyInKeyPolicy"
    })
  })
})

describe("callers in the key's account", () => {
  it("are allowed by a key policy that names them, with no IAM policy", () => {
    assert.deepStrictEqual(decide(request(alice, "kms:Encrypt"), { keyPolicy: allowFor(alice.arn) }), { decision: "Allow" })
    assert.deepStrictEqual(decide(request(session("R", "s"), "kms:Encrypt"), { keyPolicy: allowFor(role("R").arn) }), { decision: "Allow" })
    assert.deepStrictEqual(decide(request(alice, "kms:Encrypt"), { keyPolicy: allowFor("*") }), { decision: "Allow" })
  })
  it("need an IAM policy when the key policy only names their account", () => {
    assert.deepStrictEqual(decide(request(alice, "kms:Encrypt")), { decision: "Deny", reason: "NoIdentityPolicyAllows" })
    assert.deepStrictEqual(decide(request(alice, "kms:Encrypt"), { identityPolicies: [allowEncrypt] }), { decision: "Allow" })
  })
  it("get nothing from IAM policies when the key policy does not name the account", () => {
    assert.deepStrictEqual(
      decide(request(alice, "kms:Encrypt"), { keyPolicy: allowFor(user("bob").arn), identityPolicies: [allowEncrypt] }),
      { decision: "Deny", reason: "NoKeyPolicyAllows" }
    )
  })
  it("are allowed by a grant alone", () => {
    assert.deepStrictEqual(decide(request(alice, "kms:Encrypt"), { keyPolicy: allowFor(user("bob").arn), grantAllows: true }), {
      decision: "Allow"
    })
  })
  it("include the root user, whom the account statement allows without IAM policies", () => {
    assert.deepStrictEqual(decide(request(root(), "kms:PutKeyPolicy")), { decision: "Allow" })
    assert.deepStrictEqual(decide(request(root(), "kms:PutKeyPolicy"), { keyPolicy: allowFor(alice.arn) }), {
      decision: "Deny", reason: "NoKeyPolicyAllows"
    })
  })
  it("do not let the root user be denied by identity policies, which cannot be attached to it", () => {
    assert.deepStrictEqual(decide(request(root(), "kms:Encrypt"), { identityPolicies: [denyEncrypt] }), { decision: "Allow" })
  })
})

describe("callers from another account", () => {
  const bob = user("bob", OTHER_ACCOUNT)
  it("need the key policy to allow their account and their own IAM policy to allow", () => {
    const document = keyPolicy(
      { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
      { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: "kms:Encrypt", Resource: "*" }
    )
    assert.deepStrictEqual(decide(request(bob, "kms:Encrypt"), { keyPolicy: document }), { decision: "Deny", reason: "NoIdentityPolicyAllows" })
    assert.deepStrictEqual(decide(request(bob, "kms:Encrypt"), { keyPolicy: document, identityPolicies: [allowEncrypt] }), { decision: "Allow" })
  })
  it("need their own IAM policy even when the key policy names them or says \"*\"", () => {
    for (const principal of [bob.arn, "*"]) {
      assert.deepStrictEqual(decide(request(bob, "kms:Encrypt"), { keyPolicy: allowFor(principal) }), {
        decision: "Deny", reason: "NoIdentityPolicyAllows"
      })
      assert.deepStrictEqual(decide(request(bob, "kms:Encrypt"), { keyPolicy: allowFor(principal), identityPolicies: [allowEncrypt] }), {
        decision: "Allow"
      })
    }
  })
  it("get nothing from their IAM policies when the key policy does not name them", () => {
    assert.deepStrictEqual(decide(request(bob, "kms:Encrypt"), { identityPolicies: [allowEncrypt] }), {
      decision: "Deny", reason: "NoKeyPolicyAllows"
    })
  })
  it("include the other account's root user, who needs only the key policy", () => {
    assert.deepStrictEqual(decide(request(root(OTHER_ACCOUNT), "kms:Encrypt"), { keyPolicy: allowFor(OTHER_ACCOUNT) }), { decision: "Allow" })
  })
})

describe("operations without a key", () => {
  const createKey = (principal = alice) => request(principal, "kms:CreateKey", {}, "*")
  it("are decided by identity policies alone", () => {
    const allowCreate = identityPolicy({ Effect: "Allow", Action: "kms:CreateKey", Resource: "*" })
    assert.deepStrictEqual(decide(createKey(), { keyPolicy: undefined, identityPolicies: [allowCreate] }), { decision: "Allow" })
    assert.deepStrictEqual(decide(createKey(), { keyPolicy: undefined }), { decision: "Deny", reason: "NoIdentityPolicyAllows" })
    const denyCreate = identityPolicy({ Effect: "Deny", Action: "kms:Create*", Resource: "*" })
    assert.deepStrictEqual(decide(createKey(), { keyPolicy: undefined, identityPolicies: [allowCreate, denyCreate] }), {
      decision: "Deny", reason: "ExplicitDenyInIdentityPolicy"
    })
  })
  it("always allow the account root user", () => {
    assert.deepStrictEqual(decide(createKey(root()), { keyPolicy: undefined }), { decision: "Allow" })
  })
})
