import { Result } from "effect"
import { assert, describe, it } from "vitest"
import type { RequestPrincipal } from "./AuthorizationRequest.ts"
import { lockoutSafetyCheck } from "./lockoutSafetyCheck.ts"
import type { PolicyDocument } from "./PolicyDocument.ts"
import { ACCOUNT, defaultKeyPolicy, identityPolicy, KEY_ARN, keyPolicy, role, root, user } from "./policyFixtures.test-support.ts"

const alice = user("alice")
const allowPut = identityPolicy({ Effect: "Allow", Action: "kms:PutKeyPolicy", Resource: "*" })

const check = (newPolicy: PolicyDocument, caller: RequestPrincipal, callerIdentityPolicies: ReadonlyArray<PolicyDocument> = []) =>
  lockoutSafetyCheck({ newPolicy, caller, callerIdentityPolicies, keyAccount: ACCOUNT, keyArn: KEY_ARN })

const failure = (result: Result.Result<void, { readonly message: string; readonly _tag: string }>) =>
  Result.isFailure(result) ? `${result.failure._tag}: ${result.failure.message}` : undefined

describe("the policy lockout safety check", () => {
  it("passes a policy that lets the caller put the key policy again", () => {
    const policy = keyPolicy({ Effect: "Allow", Principal: { AWS: alice.arn }, Action: "kms:Put*", Resource: "*" })
    assert.isTrue(Result.isSuccess(check(policy, alice)))
  })
  it("passes the default key policy for a caller whose IAM policy allows PutKeyPolicy, and for the root user", () => {
    assert.isTrue(Result.isSuccess(check(defaultKeyPolicy(), alice, [allowPut])))
    assert.isTrue(Result.isSuccess(check(defaultKeyPolicy(), root())))
  })
  it("fails a policy that names only someone else, in AWS's words", () => {
    const policy = keyPolicy({ Effect: "Allow", Principal: { AWS: role("Admin").arn }, Action: "kms:*", Resource: "*" })
    assert.strictEqual(
      failure(check(policy, alice, [allowPut])),
      "MalformedPolicyDocument: The new key policy will not allow you to update the key policy in the future."
    )
  })
  it("fails the default key policy when the caller's IAM policies do not allow PutKeyPolicy", () => {
    assert.isDefined(failure(check(defaultKeyPolicy(), alice)))
  })
  it("fails a policy that denies the caller PutKeyPolicy", () => {
    const policy = keyPolicy(
      { Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" },
      { Effect: "Deny", Principal: { AWS: alice.arn }, Action: "kms:PutKeyPolicy", Resource: "*" }
    )
    assert.isDefined(failure(check(policy, alice)))
  })
  it("reads the new policy's conditions against the caller's own keys", () => {
    const policy = keyPolicy({
      Effect: "Allow", Principal: "*", Action: "kms:PutKeyPolicy", Resource: "*",
      Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT } }
    })
    assert.isTrue(Result.isSuccess(check(policy, alice)))
    assert.isDefined(failure(check(policy, user("bob", "444455556666"), [allowPut])))
  })
})
