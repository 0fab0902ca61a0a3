import type { Grant, GrantConstraints, GrantOperation } from "./Grant.ts"
import { contextEquals, contextIncludes, granteeMatches } from "./grantAllows.ts"

export interface ChildGrantRequest {
  /** Who calls CreateGrant. */
  readonly principalArn: string
  /** The Operations and Constraints of the grant being created. */
  readonly operations: ReadonlyArray<GrantOperation>
  readonly constraints?: GrantConstraints | undefined
}

/**
 * Whether the child's constraints are "as restrictive or more restrictive than
 * those in the parent grant … the child grant can add pairs to an
 * EncryptionContextSubset constraint in the parent grant, but it cannot remove
 * them. The child grant can change an EncryptionContextSubset constraint to an
 * EncryptionContextEquals constraint, but not the reverse" (KMS Developer
 * Guide, "Creating grants" › "Granting CreateGrant permission").
 */
export const constraintsAtLeastAsStrict = (
  child: GrantConstraints | undefined,
  parent: GrantConstraints | undefined
): boolean => {
  const { encryptionContextSubset: childSubset, encryptionContextEquals: childEquals } = child ?? {}
  const { encryptionContextSubset: parentSubset, encryptionContextEquals: parentEquals } = parent ?? {}
  const keepsSubset =
    parentSubset === undefined ||
    (childSubset !== undefined && contextIncludes(childSubset, parentSubset)) ||
    (childEquals !== undefined && contextIncludes(childEquals, parentSubset))
  const keepsEquals = parentEquals === undefined || (childEquals !== undefined && contextEquals(childEquals, parentEquals))
  return keepsSubset && keepsEquals
}

/**
 * A grantee that holds CreateGrant through a grant "can only create grants that
 * allow some or all of the operations in the parent grant", with constraints
 * "at least as strict as those in the parent grant"; principals with
 * CreateGrant from a policy are not limited this way (KMS Developer Guide,
 * "Creating grants" › "Granting CreateGrant permission"). True when one of the
 * caller's grants that lists CreateGrant covers the child grant.
 */
export const grantAllowsChildGrant = (grants: ReadonlyArray<Grant>, request: ChildGrantRequest): boolean =>
  grants.some(
    (parent) =>
      granteeMatches(parent, request.principalArn) &&
      parent.operations.includes("CreateGrant") &&
      request.operations.every((operation) => parent.operations.includes(operation)) &&
      constraintsAtLeastAsStrict(request.constraints, parent.constraints)
  )
