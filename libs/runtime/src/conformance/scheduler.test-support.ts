import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Exit } from "effect"
import { TestClock } from "effect/testing"
import { Keyvault } from "@trent/event-log"
import { DAY_MS } from "@trent/domain"
import type { KeyActors } from "@trent/key-actors"
import { Region } from "../Region.ts"
import { inRegionOn, onFreshStore } from "./regionOnStore.test-support.ts"
import type { StoreServices, StoreUnderTest } from "./StoreUnderTest.test-support.ts"

const utf8 = (text: string) => new TextEncoder().encode(text)

/**
 * A scheduler tick does real async crypto (WebCrypto promises) that TestClock cannot track: after moving the
 * clock over one tick, give the woken tick a moment of real time to finish before looking at its effects.
 */
const settle = TestClock.withLive(Effect.sleep(Duration.millis(50)))
const advance = (ms: number) => Effect.andThen(TestClock.adjust(ms), settle)

/** Runs `check` until it passes (up to 5 s of real time): on a loaded machine the woken tick may need more than one settle. */
const eventually = <E, R>(check: Effect.Effect<void, E, R>) =>
  Effect.gen(function*() {
    for (let attempt = 1; attempt < 100; attempt++) {
      if (Exit.isSuccess(yield* Effect.exit(check))) return
      yield* settle
    }
    yield* check
  })

/** Automatic rotation and the end of deletion windows, driven by TestClock, against one store. */
export const schedulerSuite = (store: StoreUnderTest) => {
  const inRegion = <A, E>(program: Effect.Effect<A, E, Region | KeyActors | StoreServices>) =>
    onFreshStore(store.prepare, (prepared) => inRegionOn(prepared, program))

  describe("the Region's scheduler (driven by TestClock)", () => {
    it.effect("rotates a key automatically when its period has passed, and every earlier ciphertext still decrypts", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        const key = yield* region.createKey({})
        yield* region.enableKeyRotation({ keyId: key.keyId, rotationPeriodInDays: 90 })
        const old = yield* region.encrypt({ keyId: key.keyId, plaintext: utf8("old") })
        yield* advance(89 * DAY_MS)
        assert.strictEqual((yield* region.listKeyRotations({ keyId: key.keyId })).items.length, 0)
        yield* advance(2 * DAY_MS)
        yield* eventually(Effect.map(region.listKeyRotations({ keyId: key.keyId }), ({ items }) => assert.strictEqual(items.length, 1)))
        const rotations = (yield* region.listKeyRotations({ keyId: key.keyId })).items
        assert.strictEqual(rotations[0]?.rotationType, "AUTOMATIC")
        const status = yield* region.getKeyRotationStatus({ keyId: key.keyId })
        assert.isTrue(status.keyRotationEnabled)
        assert.isTrue((status.nextRotationDate ?? 0) > rotations[0]!.rotationDate!)
        const fresh = yield* region.encrypt({ keyId: key.keyId, plaintext: utf8("new") })
        const described = yield* region.describeKey({ keyId: key.keyId })
        assert.notStrictEqual(described.currentKeyMaterialId, key.currentKeyMaterialId)
        for (const blob of [old.ciphertextBlob, fresh.ciphertextBlob]) {
          yield* region.decrypt({ ciphertextBlob: blob })
        }
      })))

    it.effect("does not rotate a disabled key, and rotates it once re-enabled if overdue", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        const key = yield* region.createKey({})
        yield* region.enableKeyRotation({ keyId: key.keyId, rotationPeriodInDays: 90 })
        yield* region.disableKey({ keyId: key.keyId })
        yield* advance(100 * DAY_MS)
        assert.strictEqual((yield* region.listKeyRotations({ keyId: key.keyId })).items.length, 0)
        yield* region.enableKey({ keyId: key.keyId })
        yield* advance(DAY_MS / 12)
        yield* eventually(Effect.map(region.listKeyRotations({ keyId: key.keyId }), ({ items }) => assert.strictEqual(items.length, 1)))
      })))

    it.effect("destroys the key, its KEK and its aliases when the deletion window ends, not before", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        const keyvault = yield* Keyvault
        const key = yield* region.createKey({})
        yield* region.createAlias({ aliasName: "alias/doomed", targetKeyId: key.keyId })
        const blob = (yield* region.encrypt({ keyId: key.keyId, plaintext: utf8("x") })).ciphertextBlob
        const scheduled = yield* region.scheduleKeyDeletion({ keyId: key.keyId, pendingWindowInDays: 7 })
        assert.strictEqual(scheduled.keyState, "PendingDeletion")
        yield* advance(7 * DAY_MS - 2 * 3_600_000)
        assert.strictEqual((yield* region.describeKey({ keyId: key.keyId })).keyState, "PendingDeletion")
        assert.isTrue((yield* keyvault.get(key.keyId))._tag === "Some")
        yield* advance(3 * 3_600_000)
        yield* eventually(Effect.gen(function*() {
          const described = yield* Effect.flip(region.describeKey({ keyId: key.keyId }))
          assert.strictEqual(described._tag, "KeyNotFound")
          assert.isTrue((yield* keyvault.get(key.keyId))._tag === "None")
          // Only the predefined alias/aws/ names remain, without keys.
          assert.deepStrictEqual((yield* region.listAliases({})).items.filter((a) => a.targetKeyId !== undefined), [])
          assert.strictEqual((yield* region.listKeys({})).items.length, 0)
        }))
        const failure = yield* Effect.flip(region.decrypt({ ciphertextBlob: blob }))
        assert.strictEqual(failure._tag, "InvalidCiphertext")
      })))

    it.effect("keeps a cancelled deletion's key, Disabled", () =>
      inRegion(Effect.gen(function*() {
        const region = yield* Region
        const key = yield* region.createKey({})
        yield* region.scheduleKeyDeletion({ keyId: key.keyId, pendingWindowInDays: 7 })
        yield* advance(3 * DAY_MS)
        yield* region.cancelKeyDeletion({ keyId: key.keyId })
        yield* advance(10 * DAY_MS)
        assert.strictEqual((yield* region.describeKey({ keyId: key.keyId })).keyState, "Disabled")
      })))
  })
}
