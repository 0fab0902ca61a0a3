import { grantKeyKind, validateGrantOperations } from "@trent/policy"
import { type Grant, type GrantConstraints, MAX_GRANTS_PER_KEY } from "../Grant.ts"
import type { Key } from "../Key.ts"
import type { KeyEvent } from "../KeyEvent.ts"
import type { CreateGrant, RetireGrant, RevokeGrant } from "../KeyCommand.ts"
import { InvalidGrantId, InvalidRequest, type KeyRejection, LimitExceeded } from "../KeyErrors.ts"
import { isLive, requireLiveKey } from "./requireKey.ts"

type Outcome = ReadonlyArray<KeyEvent> | KeyRejection

/** Constraint limits (https://docs.aws.amazon.com/kms/latest/developerguide/grants.html): at most 8 pairs per constraint, values of at most 384 characters. */
export const MAX_CONSTRAINT_PAIRS = 8
export const MAX_CONSTRAINT_VALUE_LENGTH = 384

/** Constraint sizes (https://docs.aws.amazon.com/kms/latest/developerguide/grants.html); which operations and keys may carry constraints is @trent/policy's rule. */
const checkConstraintSizes = (constraints: GrantConstraints | undefined): InvalidRequest | undefined => {
  if (constraints === undefined) return undefined
  const maps = [constraints.encryptionContextSubset, constraints.encryptionContextEquals].filter((map) => map !== undefined)
  for (const map of maps) {
    const entries = Object.entries(map)
    if (entries.length > MAX_CONSTRAINT_PAIRS) {
      return new InvalidRequest({ message: `A grant constraint can have at most ${MAX_CONSTRAINT_PAIRS} encryption context pairs.` })
    }
    if (entries.some(([, value]) => value.length > MAX_CONSTRAINT_VALUE_LENGTH)) {
      return new InvalidRequest({
        message: `Encryption context values in grant constraints can have at most ${MAX_CONSTRAINT_VALUE_LENGTH} characters.`
      })
    }
  }
  return undefined
}

const sameMap = (a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined) =>
  JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort()) &&
  (a === undefined) === (b === undefined)

/**
 * CreateGrant's idempotency (https://docs.aws.amazon.com/kms/latest/developerguide/grants.html): a grant with the same Name and identical
 * parameters is the same grant, whose id is returned again.
 */
export const equivalentGrant = (grants: ReadonlyArray<Grant>, candidate: Grant): Grant | undefined =>
  candidate.name === undefined ? undefined : grants.find((grant) =>
    grant.name === candidate.name &&
    grant.granteePrincipal === candidate.granteePrincipal &&
    grant.retiringPrincipal === candidate.retiringPrincipal &&
    grant.issuingAccount === candidate.issuingAccount &&
    [...grant.operations].sort().join() === [...candidate.operations].sort().join() &&
    sameMap(grant.constraints?.encryptionContextSubset, candidate.constraints?.encryptionContextSubset) &&
    sameMap(grant.constraints?.encryptionContextEquals, candidate.constraints?.encryptionContextEquals)
  )

export const decideCreateGrant = (state: Key, command: typeof CreateGrant.Type): Outcome => {
  const live = requireLiveKey(state, "CreateGrant")
  if (!isLive(live)) return live
  const { grant } = command
  if (grant.operations.length === 0) {
    return new InvalidRequest({ message: "A grant must allow at least one operation." })
  }
  const unsuitable = validateGrantOperations(grantKeyKind(live.key.keySpec, live.key.keyUsage), grant.operations, grant.constraints)
  if (unsuitable !== undefined) return new InvalidRequest({ message: unsuitable.message })
  const invalid = checkConstraintSizes(grant.constraints)
  if (invalid !== undefined) return invalid
  if (equivalentGrant(live.key.grants, grant) !== undefined) return []
  if (live.key.grants.length >= MAX_GRANTS_PER_KEY) {
    return new LimitExceeded({ message: `The key ${live.key.keyId} already has ${MAX_GRANTS_PER_KEY} grants.` })
  }
  return [{ _tag: "GrantCreated", at: command.now, grant }]
}

const unknownGrant = (grantId: string) => new InvalidGrantId({ message: `Grant ID ${grantId} not found` })

export const decideRetireGrant = (state: Key, command: typeof RetireGrant.Type): Outcome => {
  const live = requireLiveKey(state, "RetireGrant")
  if (!isLive(live)) return live
  if (!live.key.grants.some((grant) => grant.grantId === command.grantId)) return unknownGrant(command.grantId)
  return [{ _tag: "GrantRetired", at: command.now, grantId: command.grantId, retiredBy: command.retiredBy }]
}

export const decideRevokeGrant = (state: Key, command: typeof RevokeGrant.Type): Outcome => {
  const live = requireLiveKey(state, "RevokeGrant")
  if (!isLive(live)) return live
  if (!live.key.grants.some((grant) => grant.grantId === command.grantId)) return unknownGrant(command.grantId)
  return [{ _tag: "GrantRevoked", at: command.now, grantId: command.grantId }]
}
