import { Result } from "effect"
import * as fc from "fast-check"
import { assert, describe, it } from "vitest"
import { checkProperty } from "@trent/testing"
import { authorize, type AuthorizationInput } from "./authorize.ts"
import { grantAllowsChildGrant } from "./childGrant.ts"
import { OperationsWithEncryptionContext } from "./Grant.ts"
import { constraintsSatisfied, grantAllows, granteeMatches } from "./grantAllows.ts"
import { lockoutSafetyCheck } from "./lockoutSafetyCheck.ts"
import { parsePolicy } from "./parsePolicy.ts"
import type { PolicyDocument, Statement } from "./PolicyDocument.ts"
import { printPolicy } from "./printPolicy.ts"
import {
  callers, grantAndRequestArb, parentAndChildArb, policyArb, requestArb, statementArb
} from "./policyArbitraries.test-support.ts"
import { ACCOUNT, KEY_ARN } from "./policyFixtures.test-support.ts"

const inputArb: fc.Arbitrary<AuthorizationInput> = fc.record({
  keyPolicy: fc.option(policyArb("key"), { nil: undefined }),
  keyAccount: fc.constant(ACCOUNT),
  identityPolicies: fc.array(policyArb("identity"), { maxLength: 2 }),
  grantAllows: fc.boolean(),
  request: requestArb
})

const withStatement = (document: PolicyDocument, statement: Statement): PolicyDocument => ({
  ...document,
  statements: [...document.statements, statement]
})

describe("authorization properties", () => {
  it("an explicit Deny that matches the request always wins, whatever else allows", () =>
    checkProperty(
      "explicit deny wins",
      fc.property(inputArb, fc.boolean(), (input, inKeyPolicy) => {
        const { request } = input
        const denyInKey = inKeyPolicy && input.keyPolicy !== undefined
        // IAM policies cannot be attached to the root user, so only a key policy can deny it.
        fc.pre(denyInKey || request.principal.kind !== "root")
        const deny: Statement = {
          effect: "Deny",
          notPrincipal: false,
          ...(denyInKey ? { principal: { _tag: "AnyPrincipal" as const } } : {}),
          action: { negated: false, values: [request.action] },
          resource: { negated: false, values: ["*"] },
          conditions: []
        }
        const decision = authorize(
          denyInKey
            ? { ...input, keyPolicy: withStatement(input.keyPolicy!, deny) }
            : { ...input, identityPolicies: [...input.identityPolicies, { kind: "identity", statements: [deny] }] }
        )
        assert.strictEqual(decision.decision, "Deny")
        if (decision.decision === "Deny") assert.match(decision.reason, /^ExplicitDeny/)
      })
    ))

  it("adding an Allow statement never takes access away", () =>
    checkProperty(
      "allow is monotonic",
      fc.property(inputArb, statementArb("key", "Allow"), statementArb("identity", "Allow"), fc.boolean(), (input, keyAllow, iamAllow, toKey) => {
        const before = authorize(input)
        const after = authorize(
          toKey && input.keyPolicy !== undefined
            ? { ...input, keyPolicy: withStatement(input.keyPolicy, keyAllow) }
            : { ...input, identityPolicies: [...input.identityPolicies, { kind: "identity", statements: [iamAllow] }] }
        )
        if (before.decision === "Allow") assert.strictEqual(after.decision, "Allow")
      })
    ))

  it("the lockout check passes exactly the policies under which the caller may PutKeyPolicy again", () =>
    checkProperty(
      "lockout check agrees with authorize",
      fc.property(policyArb("key"), fc.constantFrom(...callers), fc.array(policyArb("identity"), { maxLength: 2 }), (newPolicy, caller, iam) => {
        const passes = Result.isSuccess(
          lockoutSafetyCheck({ newPolicy, caller, callerIdentityPolicies: iam, keyAccount: ACCOUNT, keyArn: KEY_ARN })
        )
        const decision = authorize({
          keyPolicy: newPolicy,
          keyAccount: ACCOUNT,
          identityPolicies: iam,
          grantAllows: false,
          request: {
            principal: caller,
            action: "kms:PutKeyPolicy",
            resource: KEY_ARN,
            conditions: { "kms:CallerAccount": caller.account, "aws:PrincipalArn": caller.arn, "aws:PrincipalAccount": caller.account }
          }
        })
        assert.strictEqual(passes, decision.decision === "Allow")
      })
    ))
})

describe("grant properties", () => {
  const hasPair = (context: Record<string, string>, key: string, value: string) =>
    Object.entries(context).some(([k, v]) => k.toLowerCase() === key.toLowerCase() && v === value)

  it("a grant never allows an operation outside its Operations nor a context outside its constraints", () =>
    checkProperty(
      "grants stay within their operations and constraints",
      fc.property(grantAndRequestArb, ({ grant, principalArn, operation, context }) => {
        if (!grantAllows([grant], { principalArn, operation, encryptionContext: context })) return
        assert.isTrue(granteeMatches(grant, principalArn))
        assert.include(grant.operations, operation)
        if (!OperationsWithEncryptionContext.has(operation)) return
        const { encryptionContextSubset: subset = {}, encryptionContextEquals: equals } = grant.constraints ?? {}
        for (const [key, value] of Object.entries(subset)) assert.isTrue(hasPair(context, key, value), `subset pair ${key}`)
        if (equals !== undefined) {
          for (const [key, value] of Object.entries(equals)) assert.isTrue(hasPair(context, key, value), `equals pair ${key}`)
          for (const [key, value] of Object.entries(context)) assert.isTrue(hasPair(equals, key, value), `extra pair ${key}`)
        }
      })
    ))

  it("a grant created from a grant never allows more than its parent", () =>
    checkProperty(
      "child grants are narrower",
      fc.property(parentAndChildArb, ({ parent, operations, constraints, context }) => {
        const principalArn = parent.granteePrincipal
        if (!grantAllowsChildGrant([parent], { principalArn, operations, constraints })) return
        for (const operation of operations) assert.include(parent.operations, operation)
        if (constraintsSatisfied(constraints, context)) assert.isTrue(constraintsSatisfied(parent.constraints, context))
      })
    ))
})

describe("printing policies", () => {
  for (const kind of ["key", "identity"] as const) {
    it(`parses every printed ${kind} policy back to the same document`, () =>
      checkProperty(
        `${kind} policy print/parse round trip`,
        fc.property(policyArb(kind), (document) => {
          assert.deepStrictEqual(Result.getOrThrow(parsePolicy(printPolicy(document), kind)), document)
        })
      ))
  }
})
