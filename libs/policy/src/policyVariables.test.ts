import { describe, expect, it } from "vitest"
import { conditionLookup } from "./AuthorizationRequest.ts"
import { evaluatePolicy } from "./evaluatePolicy.ts"
import { ACCOUNT, identityPolicy, KEY_ARN, keyPolicy, policy, request, role, user } from "./policyFixtures.test-support.ts"
import { substituteVariables } from "./policyVariables.ts"

/** IAM User Guide, "IAM policy elements: Variables and tags". */
describe("policy variables", () => {
  const lookup = conditionLookup({
    "aws:username": "alice",
    "aws:PrincipalAccount": ACCOUNT,
    "aws:TagKeys": ["a", "b"],
    "aws:CurrentTime": { epochMillis: Date.UTC(2026, 10, 28, 12, 0, 0) },
    "aws:SecureTransport": true
  })

  it("replace ${key} with the request's value; names are not case-sensitive", () => {
    expect(substituteVariables("home/${aws:username}/*", lookup)).toBe("home/alice/*")
    expect(substituteVariables("${AWS:UserName}", lookup)).toBe("alice")
    expect(substituteVariables("${ aws:username }", lookup)).toBe("alice")
    expect(substituteVariables("${aws:SecureTransport}", lookup)).toBe("true")
    expect(substituteVariables("${aws:CurrentTime}", lookup)).toBe("2026-11-28T12:00:00Z")
    expect(substituteVariables("no variables", lookup)).toBe("no variables")
  })

  it("fail for an absent or multivalued key unless a default is given; '' is a quote inside the default", () => {
    expect(substituteVariables("${aws:userid}", lookup)).toBeUndefined()
    expect(substituteVariables("${aws:TagKeys}", lookup)).toBeUndefined()
    expect(substituteVariables("${aws:userid, 'nobody'}", lookup)).toBe("nobody")
    expect(substituteVariables("${aws:TagKeys, 'many'}", lookup)).toBe("many")
    expect(substituteVariables("${aws:username, 'nobody'}", lookup)).toBe("alice")
    expect(substituteVariables("${x, 'it''s ''here'''}", lookup)).toBe("it's 'here'")
    expect(substituteVariables("${x, '${aws:username}'}", lookup)).toBe("${aws:username}")
  })

  it("write *, ? and $ as themselves with ${*}, ${?} and ${$}; a malformed variable does not resolve", () => {
    expect(substituteVariables("a${*}b${?}c${$}", lookup)).toBe("a*b?c$")
    for (const malformed of ["${aws:username", "${}", "${ }", "${x, 'open}", "${x, bare}", "${x, 'a' trailing}"]) {
      expect(substituteVariables(malformed, lookup), malformed).toBeUndefined()
    }
  })

  const byUser = identityPolicy({
    Effect: "Allow",
    Action: "kms:Encrypt",
    Resource: `arn:aws:kms:*:\${aws:PrincipalAccount}:key/*`,
    Condition: { StringEquals: { "kms:EncryptionContext:owner": "${aws:username}" } }
  })

  it("apply in Resource and Condition values: each user may use only context naming them", () => {
    const asAlice = (owner: string) => request(user("alice"), "kms:Encrypt", {
      "aws:username": "alice",
      "aws:PrincipalAccount": ACCOUNT,
      "kms:EncryptionContext:owner": owner
    })
    expect(evaluatePolicy(byUser, asAlice("alice"))).toBe("Allow")
    expect(evaluatePolicy(byUser, asAlice("bob"))).toBe("NotApplicable")
    const otherAccount = request(user("alice"), "kms:Encrypt", {
      "aws:username": "alice",
      "aws:PrincipalAccount": "444455556666",
      "kms:EncryptionContext:owner": "alice"
    })
    expect(evaluatePolicy(byUser, otherAccount)).toBe("NotApplicable")
  })

  it("leave the statement out when a variable has no value: a role has no aws:username", () => {
    const asRole = request(role("app"), "kms:Encrypt", { "aws:PrincipalAccount": ACCOUNT, "kms:EncryptionContext:owner": "${aws:username}" })
    expect(evaluatePolicy(byUser, asRole)).toBe("NotApplicable")
    const deny = keyPolicy(
      { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
      { Effect: "Deny", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: { StringNotEquals: { "kms:EncryptionContext:owner": "${aws:username}" } } }
    )
    // The Deny does not apply where the variable cannot resolve: the statement is invalid, not a blanket deny.
    expect(evaluatePolicy(deny, request(role("app"), "kms:Decrypt", { "kms:EncryptionContext:owner": "x" }))).toBe("Allow")
    expect(evaluatePolicy(deny, request(user("alice"), "kms:Decrypt", { "aws:username": "alice", "kms:EncryptionContext:owner": "x" }))).toBe("Deny")
    expect(evaluatePolicy(deny, request(user("alice"), "kms:Decrypt", { "aws:username": "alice", "kms:EncryptionContext:owner": "alice" }))).toBe("Allow")
  })

  it("are literal text in a Version 2008-10-17 policy", () => {
    const old = policy({
      Version: "2008-10-17",
      Statement: [{ Effect: "Allow", Action: "kms:Encrypt", Resource: KEY_ARN, Condition: { StringEquals: { "kms:EncryptionContext:owner": "${aws:username}" } } }]
    }, "identity")
    const literal = request(user("alice"), "kms:Encrypt", { "aws:username": "alice", "kms:EncryptionContext:owner": "${aws:username}" })
    expect(evaluatePolicy(old, literal)).toBe("Allow")
    expect(evaluatePolicy(old, request(user("alice"), "kms:Encrypt", { "aws:username": "alice", "kms:EncryptionContext:owner": "alice" }))).toBe("NotApplicable")
  })
})
