import {
  type EncryptionContext,
  type Grant,
  type GrantConstraints,
  type GrantOperation,
  OperationsWithEncryptionContext
} from "./Grant.ts"
import { roleCoversSession } from "./matchPrincipal.ts"

export interface GrantRequest {
  /** The caller's ARN (an STS session ARN is covered by a grant to its role). */
  readonly principalArn: string
  readonly operation: GrantOperation
  /** The request's encryption context; absent and `{}` are the same (https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html). */
  readonly encryptionContext?: EncryptionContext | undefined
}

/**
 * A grant names the caller as grantee: its ARN, or the role whose session the
 * caller is ("you can specify … an IAM role … as the grantee principal"; KMS
 * Developer Guide, "Grants in AWS KMS" › "Grantee principal").
 */
export const granteeMatches = (grant: Grant, principalArn: string): boolean =>
  grant.granteePrincipal === principalArn || roleCoversSession(grant.granteePrincipal, principalArn)

// "In a grant constraint, the key in each key-value pair is not case sensitive,
// but the value is case sensitive" (API Reference, "GrantConstraints"). The
// Developer Guide's older "Using grant constraints" calls both exact and
// case-sensitive; Trent follows the API Reference.
const hasPair = (context: EncryptionContext, key: string, value: string): boolean =>
  Object.entries(context).some(([k, v]) => k.toLowerCase() === key.toLowerCase() && v === value)

/** EncryptionContextSubset: the request's context includes every pair of the constraint. */
export const contextIncludes = (context: EncryptionContext, required: EncryptionContext): boolean =>
  Object.entries(required).every(([key, value]) => hasPair(context, key, value))

/**
 * EncryptionContextEquals: the request's context is exactly the constraint's
 * pairs, in any order — each side includes the other, which also holds when
 * keys differ only by case.
 */
export const contextEquals = (context: EncryptionContext, required: EncryptionContext): boolean =>
  contextIncludes(context, required) && contextIncludes(required, context)

/** Both constraints, when both are given, must hold. */
export const constraintsSatisfied = (
  constraints: GrantConstraints | undefined,
  context: EncryptionContext | undefined
): boolean => {
  const actual = context ?? {}
  const { encryptionContextSubset: subset, encryptionContextEquals: equals } = constraints ?? {}
  return (subset === undefined || contextIncludes(actual, subset)) && (equals === undefined || contextEquals(actual, equals))
}

/**
 * Whether one of the key's grants allows this operation for this caller
 * (KMS Developer Guide, "Grants in AWS KMS": https://docs.aws.amazon.com/kms/latest/developerguide/grants.html): the grant
 * names the caller, lists the operation, and — only for operations that take an
 * encryption context — the request's context satisfies the grant's constraints.
 * A constrained grant that also lists DescribeKey or RetireGrant allows those
 * without any context: constraints "are not applied" to them (API Reference,
 * "GrantConstraints").
 *
 * A grant that lists CreateGrant lets its grantee create only narrower grants;
 * check those with `grantAllowsChildGrant` as well.
 */
export const grantAllows = (grants: ReadonlyArray<Grant>, request: GrantRequest): boolean =>
  grants.some(
    (grant) =>
      granteeMatches(grant, request.principalArn) &&
      grant.operations.includes(request.operation) &&
      (!OperationsWithEncryptionContext.has(request.operation) ||
        constraintsSatisfied(grant.constraints, request.encryptionContext))
  )
