import type { ExistingKey, Key, LiveKey } from "../Key.ts"
import { keyArn } from "../KeyIdentifiers.ts"
import { KeyNotFound } from "../KeyErrors.ts"
import type { Operation } from "../Operation.ts"
import { checkKeyState, type StateRejection } from "../checkKeyState.ts"

export const notFound = (state: Key): KeyNotFound =>
  new KeyNotFound({
    message: state.status === "Absent" ? "Key does not exist" : `Key '${arnOf(state)}' does not exist`
  })

export const arnOf = (state: ExistingKey): string => keyArn(state.key, state.key.keyId)

/** A live key (not absent, not destroyed) whose state allows `operation`, or the rejection. */
export const requireLiveKey = (state: Key, operation: Operation): LiveKey | StateRejection => {
  if (state.status === "Absent" || state.status === "Destroyed") return notFound(state)
  return checkKeyState(operation, state) ?? state
}

export const isLive = (outcome: LiveKey | StateRejection): outcome is LiveKey => "status" in outcome
