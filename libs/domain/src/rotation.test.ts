import { assert, describe, it } from "vitest"
import { DAY_MS } from "./Key.ts"
import { ARN, created, keySpec, material, rejectsWith, T0 } from "./keyFixtures.test-support.ts"

const { given } = keySpec
const rotationOn = { _tag: "KeyRotationEnabled" as const, at: T0, rotationPeriodInDays: 365, nextRotationAt: T0 + 365 * DAY_MS }

describe("EnableKeyRotation and DisableKeyRotation", () => {
  it("enables rotation with the default 365-day period, first due a period after enabling", () =>
    given([created]).when({ _tag: "EnableKeyRotation", now: T0 }).then([rotationOn]))
  it("accepts periods 90 and 2560 and rejects 89 and 2561", () => {
    given([created]).when({ _tag: "EnableKeyRotation", now: T0, rotationPeriodInDays: 90 })
      .thenEvents((events) => assert.strictEqual(events.length, 1))
    given([created]).when({ _tag: "EnableKeyRotation", now: T0, rotationPeriodInDays: 2560 })
      .thenEvents((events) => assert.strictEqual(events.length, 1))
    given([created]).when({ _tag: "EnableKeyRotation", now: T0, rotationPeriodInDays: 89 })
      .thenRejects(rejectsWith("InvalidRequest", /Value '89' at 'rotationPeriodInDays'.*greater than or equal to 90$/))
    given([created]).when({ _tag: "EnableKeyRotation", now: T0, rotationPeriodInDays: 2561 })
      .thenRejects(rejectsWith("InvalidRequest", /less than or equal to 2560$/))
  })
  it("moves the due date when the period changes, from the same anchor", () =>
    given([created, rotationOn]).when({ _tag: "EnableKeyRotation", now: T0 + 10 * DAY_MS, rotationPeriodInDays: 100 })
      .then([{ _tag: "KeyRotationEnabled", at: T0 + 10 * DAY_MS, rotationPeriodInDays: 100, nextRotationAt: T0 + 100 * DAY_MS }]))
  it("records nothing when enabling again with the same period or disabling twice", () => {
    given([created, rotationOn]).when({ _tag: "EnableKeyRotation", now: T0 + 1 }).then([])
    given([created]).when({ _tag: "DisableKeyRotation", now: T0 + 1 }).then([])
  })
  it("disables rotation", () =>
    given([created, rotationOn]).when({ _tag: "DisableKeyRotation", now: T0 + 1 }).then([{ _tag: "KeyRotationDisabled", at: T0 + 1 }]))
  it("rejects rotation settings on a disabled key", () =>
    given([created, { _tag: "KeyDisabled", at: T0 }]).when({ _tag: "EnableKeyRotation", now: T0 + 1 })
      .thenRejects(rejectsWith("KeyDisabled", `${ARN} is disabled.`)))
})

describe("RotateKeyOnDemand", () => {
  it("adds a new backing key version without moving the automatic schedule", () =>
    given([created, rotationOn]).when({ _tag: "RotateKeyOnDemand", now: T0 + DAY_MS, material: material(2) })
      .then([{ _tag: "KeyRotated", at: T0 + DAY_MS, rotationType: "ON_DEMAND", material: material(2), nextRotationAt: null }]))
  it("allows 25 on-demand rotations per key, then answers LimitExceeded", () => {
    const rotations = Array.from({ length: 25 }, (_, i) => ({
      _tag: "KeyRotated" as const, at: T0 + i, rotationType: "ON_DEMAND" as const, material: material(i + 2), nextRotationAt: null
    }))
    given([created, ...rotations.slice(0, 24)]).when({ _tag: "RotateKeyOnDemand", now: T0 + 99, material: material(99) })
      .thenEvents((events) => assert.strictEqual(events.length, 1))
    given([created, ...rotations]).when({ _tag: "RotateKeyOnDemand", now: T0 + 99, material: material(99) })
      .thenRejects(rejectsWith("LimitExceeded", `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${ARN}`))
  })
  it("conflicts with an automatic rotation due within 20 minutes", () =>
    given([created, rotationOn]).when({ _tag: "RotateKeyOnDemand", now: T0 + 365 * DAY_MS - 10 * 60_000, material: material(2) })
      .thenRejects(rejectsWith("RotationConflict")))
  it("rejects a disabled key", () =>
    given([created, { _tag: "KeyDisabled", at: T0 }]).when({ _tag: "RotateKeyOnDemand", now: T0, material: material(2) })
      .thenRejects(rejectsWith("KeyDisabled")))
})

describe("RunScheduledWork", () => {
  it("rotates automatically when due and schedules the next rotation a period later", () =>
    given([created, rotationOn]).when({ _tag: "RunScheduledWork", now: T0 + 366 * DAY_MS, material: material(3) })
      .then([{ _tag: "KeyRotated", at: T0 + 366 * DAY_MS, rotationType: "AUTOMATIC", material: material(3), nextRotationAt: T0 + 731 * DAY_MS }]))
  it("does nothing before the due date, or while the key is disabled", () => {
    given([created, rotationOn]).when({ _tag: "RunScheduledWork", now: T0 + 364 * DAY_MS, material: material(3) }).then([])
    given([created, rotationOn, { _tag: "KeyDisabled", at: T0 }])
      .when({ _tag: "RunScheduledWork", now: T0 + 400 * DAY_MS, material: material(3) }).then([])
  })
  it("destroys the key material when the deletion window has ended, not before", () => {
    const scheduled = { _tag: "KeyDeletionScheduled" as const, at: T0, deletionDate: T0 + 7 * DAY_MS, pendingWindowInDays: 7 }
    given([created, scheduled]).when({ _tag: "RunScheduledWork", now: T0 + 7 * DAY_MS - 1, material: material(3) }).then([])
    given([created, scheduled]).when({ _tag: "RunScheduledWork", now: T0 + 7 * DAY_MS, material: material(3) })
      .then([{ _tag: "KeyMaterialDestroyed", at: T0 + 7 * DAY_MS }])
  })
})
