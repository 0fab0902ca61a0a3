import * as fc from "fast-check"
import type { Conditions, RequestPrincipal } from "./AuthorizationRequest.ts"
import type { EncryptionContext, Grant, GrantConstraints, GrantOperation } from "./Grant.ts"
import { GrantOperations } from "./Grant.ts"
import { parseOperator } from "./conditionOperators.ts"
import type { ConditionClause, Matcher, PolicyDocument, PolicyKind, PrincipalSpec, Statement } from "./PolicyDocument.ts"
import { ACCOUNT, KEY_ARN, OTHER_ACCOUNT, role, root, session, user } from "./policyFixtures.test-support.ts"
import { requestConditions } from "./requestConditions.ts"

/**
 * Small vocabularies, so that random policies and random requests meet often:
 * two accounts, a few identities, a few actions, resources and condition keys.
 */
export const callers: ReadonlyArray<RequestPrincipal> = [
  root(), user("alice"), user("bob"), role("R"), session("R", "s1"),
  root(OTHER_ACCOUNT), user("carol", OTHER_ACCOUNT), session("X", "s2", OTHER_ACCOUNT)
]
const principalValues = [
  "*", ACCOUNT, OTHER_ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`, `arn:aws:iam::${OTHER_ACCOUNT}:root`,
  `arn:aws:iam::${ACCOUNT}:user/alice`, `arn:aws:iam::${ACCOUNT}:role/R`, `arn:aws:iam::${OTHER_ACCOUNT}:user/carol`
]
export const requestActions = ["kms:Encrypt", "kms:Decrypt", "kms:PutKeyPolicy", "kms:GenerateDataKey", "kms:CreateGrant"]
const policyActions = [...requestActions, "kms:*", "kms:Put*", "*", "kms:Gen?rateDataKey", "KMS:decrypt"]
const resources = ["*", KEY_ARN, `arn:aws:kms:*:${ACCOUNT}:key/*`, `arn:aws:kms:*:${OTHER_ACCOUNT}:key/*`]
const operators = [
  "StringEquals", "StringNotEquals", "StringLike", "StringEqualsIgnoreCase", "StringEqualsIfExists",
  "ForAllValues:StringEquals", "ForAnyValue:StringLike", "Null", "Bool", "NumericLessThan"
]
const conditionKeys = ["kms:CallerAccount", "kms:EncryptionContext:App", "kms:EncryptionContextKeys", "aws:SecureTransport", "kms:ViaService"]
const conditionValues = [ACCOUNT, OTHER_ACCOUNT, "a", "b", "App", "A*", "true", "false", "5", "ec2.us-west-2.amazonaws.com"]

const matcher = (values: ReadonlyArray<string>): fc.Arbitrary<Matcher> =>
  fc.record({ negated: fc.boolean(), values: fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }) })

const principalSpec: fc.Arbitrary<PrincipalSpec> = fc.oneof(
  fc.constant({ _tag: "AnyPrincipal" as const }),
  fc.record({
    _tag: fc.constant("PrincipalMap" as const),
    aws: fc.uniqueArray(fc.constantFrom(...principalValues), { minLength: 1, maxLength: 3 }),
    service: fc.constantFrom([], ["ec2.amazonaws.com"])
  })
)

/** Clauses as the parser reads them back: grouped by operator, each key once per operator. */
const conditionClauses: fc.Arbitrary<ReadonlyArray<ConditionClause>> = fc
  .uniqueArray(
    fc.record({
      operator: fc.constantFrom(...operators),
      keys: fc.uniqueArray(
        fc.record({ key: fc.constantFrom(...conditionKeys), values: fc.uniqueArray(fc.constantFrom(...conditionValues), { minLength: 1, maxLength: 2 }) }),
        { minLength: 1, maxLength: 2, selector: (entry) => entry.key }
      )
    }),
    { maxLength: 2, selector: (entry) => entry.operator }
  )
  .map((groups) =>
    groups.flatMap(({ operator, keys }) => {
      const parsed = parseOperator(operator)!
      return keys.map(({ key, values }) => ({
        operator, base: parsed.base, ...(parsed.qualifier === undefined ? {} : { qualifier: parsed.qualifier }),
        ifExists: parsed.ifExists, key, values
      }))
    })
  )

export const statementArb = (kind: PolicyKind, effect?: Statement["effect"]): fc.Arbitrary<Statement> =>
  fc
    .record(
      {
        sid: fc.constantFrom("Stmt1", "Allow use of the key", ""),
        // Mostly Allow and mostly unconditional, so that random policies often decide something.
        effect:
          effect === undefined
            ? fc.oneof({ weight: 3, arbitrary: fc.constant("Allow" as const) }, { weight: 1, arbitrary: fc.constant("Deny" as const) })
            : fc.constant(effect),
        principal: principalSpec,
        notPrincipal: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
        action: matcher(policyActions),
        resource: matcher(resources),
        conditions: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: conditionClauses })
      },
      { requiredKeys: ["effect", "principal", "notPrincipal", "action", "resource", "conditions"] }
    )
    .map((statement) => {
      if (kind === "key") return statement
      const { principal: _principal, sid: _sid, ...rest } = statement
      return { ...rest, notPrincipal: false }
    })

export const policyArb = (kind: PolicyKind): fc.Arbitrary<PolicyDocument> =>
  fc.record(
    {
      kind: fc.constant(kind),
      version: fc.constantFrom("2012-10-17" as const, "2008-10-17" as const),
      id: fc.constantFrom("key-default-1", "policy"),
      statements: fc.array(statementArb(kind), { minLength: 1, maxLength: 4 })
    },
    { requiredKeys: ["kind", "statements"] }
  )

const contextArb: fc.Arbitrary<EncryptionContext> = fc.dictionary(
  fc.constantFrom("App", "app", "Team"),
  fc.constantFrom("a", "b"),
  { maxKeys: 3 }
)

/** A request's condition map, as the runtime would build it. */
export const conditionsArb = (caller: RequestPrincipal): fc.Arbitrary<Conditions> =>
  fc
    .record(
      { encryptionContext: contextArb, secureTransport: fc.boolean(), viaService: fc.constant("ec2.us-west-2.amazonaws.com") },
      { requiredKeys: [] }
    )
    .map((facts) => requestConditions({ caller, ...facts }))

export const requestArb = fc.constantFrom(...callers).chain((principal) =>
  fc.record({
    principal: fc.constant(principal),
    action: fc.constantFrom(...requestActions),
    resource: fc.constantFrom(KEY_ARN, "*"),
    conditions: conditionsArb(principal)
  })
)

const constraintsArb: fc.Arbitrary<GrantConstraints | undefined> = fc.option(
  fc.record(
    { encryptionContextSubset: contextArb, encryptionContextEquals: contextArb },
    { requiredKeys: [] }
  ),
  { nil: undefined }
)

export const grantOperationsArb: fc.Arbitrary<ReadonlyArray<GrantOperation>> = fc.uniqueArray(fc.constantFrom(...GrantOperations), {
  minLength: 1,
  maxLength: 5
})

const grantArbitrary: fc.Arbitrary<Grant> = fc
  .record({
    granteePrincipal: fc.constantFrom(...callers.map((caller) => caller.arn), `arn:aws:iam::${ACCOUNT}:role/R`),
    operations: grantOperationsArb,
    constraints: constraintsArb
  })
  .map(({ constraints, ...grant }) => ({
    grantId: "g",
    issuingAccount: `arn:aws:iam::${ACCOUNT}:root`,
    ...grant,
    ...(constraints === undefined ? {} : { constraints })
  }))

export const grantArb = grantArbitrary

/** A grant and a request that often names its grantee and one of its operations. */
export const grantAndRequestArb = grantArbitrary.chain((grant) =>
  fc.record({
    grant: fc.constant(grant),
    principalArn: fc.oneof(fc.constant(grant.granteePrincipal), fc.constantFrom(...callers.map((caller) => caller.arn))),
    operation: fc.oneof(fc.constantFrom(...grant.operations), fc.constantFrom(...GrantOperations)),
    context: fc.oneof(
      fc.constant(grant.constraints?.encryptionContextEquals ?? grant.constraints?.encryptionContextSubset ?? {}),
      contextArb
    )
  })
)

const narrower = (constraints: GrantConstraints | undefined): fc.Arbitrary<GrantConstraints | undefined> =>
  fc.oneof(
    fc.constant(constraints),
    contextArb.map((extra) => ({ encryptionContextEquals: { ...extra, ...constraints?.encryptionContextSubset, ...constraints?.encryptionContextEquals } })),
    contextArb.map((extra) => ({ ...constraints, encryptionContextSubset: { ...extra, ...constraints?.encryptionContextSubset } })),
    constraintsArb
  )

/** A parent grant that usually lists CreateGrant, and a child request drawn mostly from its operations and constraints. */
export const parentAndChildArb = grantArbitrary
  .map((grant) => ({ ...grant, operations: [...new Set<GrantOperation>([...grant.operations, "CreateGrant"])] }))
  .chain((parent) =>
    fc.record({
      parent: fc.constant(parent),
      operations: fc.oneof(fc.subarray([...parent.operations], { minLength: 1 }), grantOperationsArb),
      constraints: narrower(parent.constraints),
      context: contextArb
    })
  )

export { constraintsArb, contextArb }
