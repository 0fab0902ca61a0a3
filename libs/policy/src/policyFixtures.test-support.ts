import { Result } from "effect"
import type { AuthorizationRequest, Conditions, RequestPrincipal } from "./AuthorizationRequest.ts"
import { parseOperator } from "./conditionOperators.ts"
import { parsePolicy } from "./parsePolicy.ts"
import type { ConditionClause, PolicyDocument, PolicyKind } from "./PolicyDocument.ts"

export const ACCOUNT = "111122223333"
export const OTHER_ACCOUNT = "444455556666"
export const KEY_ARN = `arn:aws:kms:us-west-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`

export const root = (account = ACCOUNT): RequestPrincipal => ({
  arn: `arn:aws:iam::${account}:root`,
  account,
  kind: "root"
})
export const user = (name: string, account = ACCOUNT): RequestPrincipal => ({
  arn: `arn:aws:iam::${account}:user/${name}`,
  account,
  kind: "user"
})
export const role = (name: string, account = ACCOUNT): RequestPrincipal => ({
  arn: `arn:aws:iam::${account}:role/${name}`,
  account,
  kind: "role"
})
export const session = (roleName: string, sessionName: string, account = ACCOUNT): RequestPrincipal => ({
  arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`,
  account,
  kind: "assumed-role"
})

/** Parses a policy written as an object, failing the test on a malformed one. */
export const policy = (document: unknown, kind: PolicyKind = "key"): PolicyDocument => {
  const parsed = parsePolicy(JSON.stringify(document), kind)
  if (Result.isFailure(parsed)) throw new Error(`fixture policy is malformed: ${parsed.failure.message}`)
  return parsed.success
}

export const keyPolicy = (...statements: ReadonlyArray<unknown>): PolicyDocument =>
  policy({ Version: "2012-10-17", Statement: statements }, "key")

export const identityPolicy = (...statements: ReadonlyArray<unknown>): PolicyDocument =>
  policy({ Version: "2012-10-17", Statement: statements }, "identity")

/** The default key policy for ACCOUNT (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html). */
export const defaultKeyPolicy = (account = ACCOUNT): PolicyDocument =>
  keyPolicy({
    Sid: "Enable IAM User Permissions",
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${account}:root` },
    Action: "kms:*",
    Resource: "*"
  })

export const request = (
  principal: RequestPrincipal,
  action: string,
  conditions: Conditions = {},
  resource = KEY_ARN
): AuthorizationRequest => ({ principal, action, resource, conditions })

/** The error message of a malformed policy, or undefined when it parses. */
export const rejection = (document: unknown, kind: PolicyKind = "key"): string | undefined => {
  const parsed = parsePolicy(typeof document === "string" ? document : JSON.stringify(document), kind)
  return Result.isFailure(parsed) ? parsed.failure.message : undefined
}

/** A condition clause as the parser would build it. */
export const clause = (operator: string, values: ReadonlyArray<string>, key = "k"): ConditionClause => {
  const parsed = parseOperator(operator)
  if (parsed === undefined) throw new Error(`unknown operator ${operator}`)
  return { operator, base: parsed.base, qualifier: parsed.qualifier, ifExists: parsed.ifExists, key, values }
}
