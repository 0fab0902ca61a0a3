import type { Key } from "./Key.ts"
import { keyArn } from "./KeyIdentifiers.ts"
import { InvalidRequest, KeyNotFound, LimitExceeded } from "./KeyErrors.ts"
import { keyKindOf } from "./KeySpecRules.ts"
import { checkKeyState, type StateRejection } from "./checkKeyState.ts"

/** A key may have up to 50 aliases (https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html, https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html). */
export const MAX_ALIASES_PER_KEY = 50

const kindOf = (state: Exclude<Key, { status: "Absent" }>): string => keyKindOf(state.key.keySpec)

/**
 * CreateAlias/UpdateAlias target rules: the key exists in this Region, its state
 * allows the operation, it has room for another alias, and on UpdateAlias it is
 * the same kind of key with the same usage as the alias's current target.
 */
export const checkAliasTarget = (input: {
  readonly operation: "CreateAlias" | "UpdateAlias"
  readonly target: Key
  readonly targetArn: string
  readonly aliasesOfTarget: number
  readonly currentTarget?: Key
}): StateRejection | LimitExceeded | InvalidRequest | undefined => {
  const { target } = input
  if (target.status === "Absent" || target.status === "Destroyed") {
    return new KeyNotFound({ message: `Key '${input.targetArn}' does not exist` })
  }
  const rejected = checkKeyState(input.operation, target)
  if (rejected !== undefined) return rejected
  if (input.aliasesOfTarget >= MAX_ALIASES_PER_KEY) {
    return new LimitExceeded({
      message: `Cannot exceed quota for AliasesPerKey: ${MAX_ALIASES_PER_KEY} for ${keyArn(target.key, target.key.keyId)}`
    })
  }
  const current = input.currentTarget
  if (current !== undefined && current.status !== "Absent") {
    if (kindOf(current) !== kindOf(target) || current.key.keyUsage !== target.key.keyUsage) {
      return new InvalidRequest({
        message: "The new target key must be the same type of key and have the same key usage as the current target key."
      })
    }
  }
  return undefined
}
