import { DAY_MS, isReplica, type Key, type KeyRecord } from "../Key.ts"
import { keyArn } from "../KeyIdentifiers.ts"
import type { KeyEvent } from "../KeyEvent.ts"
import type { DisableKeyRotation, EnableKeyRotation, RotateKeyOnDemand, RunScheduledWork } from "../KeyCommand.ts"
import {
  InvalidRequest,
  type KeyRejection,
  LimitExceeded,
  KeyInvalidState,
  RotationConflict,
  UnsupportedOperation
} from "../KeyErrors.ts"
import { expiredMaterial } from "./importMaterial.ts"
import { refuseOnReplica } from "./replication.ts"
import { maxValue, minValue, validationMessage } from "../ValidationMessage.ts"
import { arnOf, isLive, requireLiveKey } from "./requireKey.ts"

type Outcome = ReadonlyArray<KeyEvent> | KeyRejection

/** https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html */
export const MIN_ROTATION_PERIOD_DAYS = 90
export const MAX_ROTATION_PERIOD_DAYS = 2560
export const DEFAULT_ROTATION_PERIOD_DAYS = 365
export const MAX_ON_DEMAND_ROTATIONS = 25
/** RotateKeyOnDemand conflicts with an automatic rotation due within 20 minutes. */
export const ROTATION_CONFLICT_WINDOW_MS = 20 * 60_000

/** Automatic rotation: SYMMETRIC_DEFAULT keys of AWS_KMS origin only ([7]). */
export const supportsRotation = (key: KeyRecord): boolean =>
  key.keySpec === "SYMMETRIC_DEFAULT" && key.origin === "AWS_KMS"

/**
 * [6]/[7]: automatic rotation is refused to keys other than AWS_KMS symmetric
 * ones; an imported key is told why (AWS names the origin), others get AWS's
 * empty message.
 */
export const rotationUnsupported = (key: KeyRecord): UnsupportedOperation =>
  new UnsupportedOperation({
    message: key.origin === "EXTERNAL"
      ? `${keyArn(key, key.keyId)} origin is EXTERNAL which is not valid for this operation.`
      : ""
  })

/**
 * GetKeyRotationStatus refuses only keys with imported material ([6]); other
 * keys that cannot rotate answer `KeyRotationEnabled: false` (`keyRotationStatus`).
 */
export const rotationStatusRefusal = (key: KeyRecord): UnsupportedOperation | undefined =>
  key.origin === "EXTERNAL" ? rotationUnsupported(key) : undefined

const checkPeriod = (days: number): InvalidRequest | undefined => {
  const path = "rotationPeriodInDays"
  if (!Number.isInteger(days) || days < MIN_ROTATION_PERIOD_DAYS) {
    return new InvalidRequest({ message: validationMessage([{ path, value: days, rule: minValue(MIN_ROTATION_PERIOD_DAYS) }]) })
  }
  if (days > MAX_ROTATION_PERIOD_DAYS) {
    return new InvalidRequest({ message: validationMessage([{ path, value: days, rule: maxValue(MAX_ROTATION_PERIOD_DAYS) }]) })
  }
  return undefined
}

/**
 * The first rotation comes `period` days after enabling; calling again with a
 * new period moves the due date to (last rotation or enabling) + new period.
 */
export const decideEnableKeyRotation = (state: Key, command: typeof EnableKeyRotation.Type): Outcome => {
  const period = command.rotationPeriodInDays ?? DEFAULT_ROTATION_PERIOD_DAYS
  const invalid = checkPeriod(period)
  if (invalid !== undefined) return invalid
  const live = requireLiveKey(state, "EnableKeyRotation")
  if (!isLive(live)) return live
  if (!supportsRotation(live.key)) return rotationUnsupported(live.key)
  const replica = refuseOnReplica(live)
  if (replica !== undefined) return replica
  const { rotation } = live.key
  if (rotation.enabled && rotation.periodInDays === period) return []
  const anchor = rotation.enabled && rotation.nextRotationAt !== undefined && rotation.periodInDays !== undefined
    ? rotation.nextRotationAt - rotation.periodInDays * DAY_MS
    : command.now
  return [{
    _tag: "KeyRotationEnabled",
    at: command.now,
    rotationPeriodInDays: period,
    nextRotationAt: anchor + period * DAY_MS
  }]
}

export const decideDisableKeyRotation = (state: Key, command: typeof DisableKeyRotation.Type): Outcome => {
  const live = requireLiveKey(state, "DisableKeyRotation")
  if (!isLive(live)) return live
  if (!supportsRotation(live.key)) return rotationUnsupported(live.key)
  const replica = refuseOnReplica(live)
  if (replica !== undefined) return replica
  return live.key.rotation.enabled ? [{ _tag: "KeyRotationDisabled", at: command.now }] : []
}

export const decideRotateKeyOnDemand = (state: Key, command: typeof RotateKeyOnDemand.Type): Outcome => {
  const live = requireLiveKey(state, "RotateKeyOnDemand")
  if (!isLive(live)) return live
  const importedSymmetric = live.key.origin === "EXTERNAL" && live.key.keySpec === "SYMMETRIC_DEFAULT"
  if (!supportsRotation(live.key) && !importedSymmetric) return new UnsupportedOperation({ message: "" })
  const replica = refuseOnReplica(live)
  if (replica !== undefined) return replica
  if (live.key.onDemandRotations >= MAX_ON_DEMAND_ROTATIONS) {
    return new LimitExceeded({
      message: "The on-demand rotations limit has been reached for the given keyId. " +
        `No more on-demand rotations can be performed for this key: ${arnOf(live)}`
    })
  }
  const { nextRotationAt } = live.key.rotation
  if (live.key.rotation.enabled && nextRotationAt !== undefined && nextRotationAt - command.now <= ROTATION_CONFLICT_WINDOW_MS) {
    return new RotationConflict({
      message: `An automatic rotation is due within 20 minutes for ${arnOf(live)}. Try again later.`
    })
  }
  if (importedSymmetric) {
    // Imported keys rotate onto the material imported as NEW_KEY_MATERIAL (https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html).
    const pending = live.key.pendingRotation
    if (pending === undefined) {
      return new KeyInvalidState({ message: `No available key material pending rotation for the key: ${arnOf(live)}.` })
    }
    const material = { materialId: pending.materialId, wrapped: pending.wrapped }
    return [{ _tag: "KeyRotated", at: command.now, rotationType: "ON_DEMAND", material, nextRotationAt: null }]
  }
  return [{ _tag: "KeyRotated", at: command.now, rotationType: "ON_DEMAND", material: command.material, nextRotationAt: null }]
}

/**
 * The scheduler's tick for one key: destroy the material once the deletion
 * window has ended; rotate an Enabled key whose automatic rotation is due
 * (AWS does not rotate disabled keys; re-enabled overdue keys rotate at once).
 */
export const decideScheduledWork = (state: Key, command: typeof RunScheduledWork.Type): Outcome => {
  if (state.status === "PendingDeletion" && command.now >= state.deletionDate) {
    return [{ _tag: "KeyMaterialDestroyed", at: command.now }]
  }
  const expired = expiredMaterial(state, command.now)
  if (expired.length > 0) return expired
  if (state.status !== "Enabled" || isReplica(state.key)) return []
  const { rotation } = state.key
  if (!rotation.enabled || rotation.nextRotationAt === undefined || rotation.periodInDays === undefined) return []
  if (command.now < rotation.nextRotationAt) return []
  return [{
    _tag: "KeyRotated",
    at: command.now,
    rotationType: "AUTOMATIC",
    material: command.material,
    nextRotationAt: command.now + rotation.periodInDays * DAY_MS
  }]
}
