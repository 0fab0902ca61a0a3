import { DAY_MS, type Key } from "../Key.ts"
import type { KeyEvent } from "../KeyEvent.ts"
import type { CancelKeyDeletion, DisableKey, EnableKey, ScheduleKeyDeletion } from "../KeyCommand.ts"
import { InvalidRequest, type KeyRejection } from "../KeyErrors.ts"
import { maxValue, minValue, validationMessage } from "../ValidationMessage.ts"
import { isLive, requireLiveKey } from "./requireKey.ts"

type Outcome = ReadonlyArray<KeyEvent> | KeyRejection

/** EnableKey on an enabled key changes nothing (no event). */
export const decideEnableKey = (state: Key, command: typeof EnableKey.Type): Outcome => {
  const live = requireLiveKey(state, "EnableKey")
  if (!isLive(live)) return live
  return live.status === "Enabled" ? [] : [{ _tag: "KeyEnabled", at: command.now }]
}

export const decideDisableKey = (state: Key, command: typeof DisableKey.Type): Outcome => {
  const live = requireLiveKey(state, "DisableKey")
  if (!isLive(live)) return live
  return live.status === "Disabled" ? [] : [{ _tag: "KeyDisabled", at: command.now }]
}

/** PendingWindowInDays: 7–30, default 30 (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html; the model's 1–365 is wider than the service). */
export const MIN_PENDING_WINDOW_DAYS = 7
export const MAX_PENDING_WINDOW_DAYS = 30
export const DEFAULT_PENDING_WINDOW_DAYS = 30

const checkWindow = (days: number): InvalidRequest | undefined => {
  const path = "pendingWindowInDays"
  if (!Number.isInteger(days) || days < MIN_PENDING_WINDOW_DAYS) {
    return new InvalidRequest({
      message: validationMessage([{ path, value: days, rule: minValue(MIN_PENDING_WINDOW_DAYS) }])
    })
  }
  if (days > MAX_PENDING_WINDOW_DAYS) {
    return new InvalidRequest({
      message: validationMessage([{ path, value: days, rule: maxValue(MAX_PENDING_WINDOW_DAYS) }])
    })
  }
  return undefined
}

export const decideScheduleKeyDeletion = (state: Key, command: typeof ScheduleKeyDeletion.Type): Outcome => {
  const days = command.pendingWindowInDays ?? DEFAULT_PENDING_WINDOW_DAYS
  const invalid = checkWindow(days)
  if (invalid !== undefined) return invalid
  const live = requireLiveKey(state, "ScheduleKeyDeletion")
  if (!isLive(live)) return live
  const replication = live.key.replication
  // A primary with replicas waits for them: its window starts when the last one is gone (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html).
  if (replication !== undefined && replication.primaryRegion === live.key.region && replication.replicaRegions.length > 0) {
    return [{ _tag: "KeyReplicaDeletionAwaited", at: command.now, pendingWindowInDays: days }]
  }
  return [{
    _tag: "KeyDeletionScheduled",
    at: command.now,
    deletionDate: command.now + days * DAY_MS,
    pendingWindowInDays: days
  }]
}

/** A cancelled deletion leaves the key Disabled (https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html, state transitions). */
export const decideCancelKeyDeletion = (state: Key, command: typeof CancelKeyDeletion.Type): Outcome => {
  const live = requireLiveKey(state, "CancelKeyDeletion")
  if (!isLive(live)) return live
  return [{ _tag: "KeyDeletionCancelled", at: command.now }]
}
