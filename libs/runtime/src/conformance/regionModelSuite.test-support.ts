import * as fc from "fast-check"
import { describe, it } from "vitest"
import { Effect } from "effect"
import { TestClock } from "effect/testing"
import { checkProperty } from "@trent/testing"
import { decodeKeyEvent, decodeKeySnapshot, encodeKeySnapshot, evolveKey, initialKey } from "@trent/domain"
import { EventLog } from "@trent/event-log"
import { Region } from "../Region.ts"
import type { RegionApi } from "../RegionApi.ts"
import {
  advanceModel,
  applyToModel,
  expectedDecrypt,
  expectedRejection,
  type Model,
  type Step,
  stepArbitrary
} from "./regionModel.test-support.ts"
import { inRegionOn, inTwoRegionsOn, onFreshStore } from "./regionOnStore.test-support.ts"
import type { PreparedStore, StoreUnderTest } from "./StoreUnderTest.test-support.ts"

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

class Mismatch extends Error {}
const expect = (what: string, actual: unknown, expected: unknown) => {
  if (actual !== expected) throw new Mismatch(`${what}: got ${String(actual)}, model says ${String(expected)}`)
}

/** Every ciphertext ever returned decrypts to its plaintext exactly when its key is Enabled; otherwise the model's rejection. */
const checkAllCiphertexts = (model: Model) =>
  Effect.gen(function*() {
    const region: RegionApi = yield* Region
    for (const [i, c] of model.ciphertexts.entries()) {
      const key = model.keys[c.keyIndex]!
      const result = yield* Effect.result(region.decrypt({ ciphertextBlob: c.blob, encryptionContext: c.context }))
      if (result._tag === "Success") {
        expect(`ciphertext ${i} decrypt`, undefined, expectedDecrypt(key))
        expect(`ciphertext ${i} plaintext`, text(result.success.plaintext.unsafeBytes()), c.plaintext)
      } else {
        expect(`ciphertext ${i} decrypt`, result.failure._tag, expectedDecrypt(key))
      }
    }
  })

/** Replay equals live: folding each key's stored events gives exactly its stored snapshot and what DescribeKey shows. */
const checkReplay = (model: Model) =>
  Effect.gen(function*() {
    const log = yield* EventLog
    const region = yield* Region
    for (const key of model.keys) {
      const events = yield* log.readStream(key.keyId)
      const folded = events.map(decodeKeyEvent).reduce(evolveKey, initialKey)
      const stored = yield* log.readState(key.keyId)
      if (stored._tag === "None") throw new Mismatch(`no key_state for ${key.keyId}`)
      expect(`seq of ${key.keyId}`, stored.value.seq, events.length)
      expect(`replay of ${key.keyId}`, JSON.stringify(encodeKeySnapshot(folded)), JSON.stringify(encodeKeySnapshot(decodeKeySnapshot(stored.value.state))))
      const status = folded.status === "Destroyed" ? "Destroyed" : folded.status
      expect(`status of ${key.keyId}`, status, key.status)
      if (key.status !== "Destroyed") {
        expect(`DescribeKey of ${key.keyId}`, (yield* region.describeKey({ keyId: key.keyId })).keyState, key.status)
      }
    }
  })

const runStep = (model: Model, step: Step, region: RegionApi) =>
  Effect.gen(function*() {
    if (step.op === "create") {
      const key = yield* region.createKey({})
      model.keys.push({ keyId: key.keyId, status: "Enabled", deletionDate: 0, onDemand: 0 })
      return
    }
    if (step.op === "advance") {
      yield* TestClock.adjust(step.hours * 3_600_000)
      // The forked scheduler's ticks do real async crypto that TestClock cannot wait for, so a tick can be
      // passed over within one adjust; the explicit pass is the catch-up any later tick would make.
      yield* region.runScheduledWork
      advanceModel(model, step.hours)
      return
    }
    if (step.op === "decrypt") {
      if (model.ciphertexts.length === 0) return
      const c = model.ciphertexts[step.ciphertext % model.ciphertexts.length]!
      const result = yield* Effect.result(region.decrypt({ ciphertextBlob: c.blob, encryptionContext: c.context }))
      expect("decrypt", result._tag === "Success" ? undefined : result.failure._tag, expectedDecrypt(model.keys[c.keyIndex]!))
      return
    }
    if (step.op === "restart") return
    if (model.keys.length === 0) return
    const keyIndex = step.key % model.keys.length
    const key = model.keys[keyIndex]!
    const { keyId } = key
    const effect = {
      encrypt: () => region.encrypt({ keyId, plaintext: new TextEncoder().encode(step.op === "encrypt" ? step.plaintext : ""), encryptionContext: step.op === "encrypt" ? step.context : {} }),
      enable: () => region.enableKey({ keyId }),
      disable: () => region.disableKey({ keyId }),
      cancel: () => region.cancelKeyDeletion({ keyId }),
      rotate: () => region.rotateKeyOnDemand({ keyId }),
      schedule: () => region.scheduleKeyDeletion({ keyId, pendingWindowInDays: step.op === "schedule" ? step.days : 30 }),
      rotation: () => region.enableKeyRotation({ keyId, rotationPeriodInDays: step.op === "rotation" ? step.period : 365 })
    }[step.op]()
    const result = yield* Effect.result(effect as Effect.Effect<unknown, { _tag: string }>)
    const actual = result._tag === "Success" ? undefined : result.failure._tag
    // An overdue automatic rotation (key re-enabled after its due date) may conflict with an on-demand one until the next tick.
    if (step.op === "rotate" && actual === "RotationConflict") return
    if (step.op === "rotate" && actual === "LimitExceeded" && key.onDemand >= 25) return
    expect(`${step.op} on ${key.status} key`, actual, expectedRejection(step, key))
    if (actual !== undefined) return
    applyToModel(model, step, key)
    if (step.op === "encrypt" && result._tag === "Success") {
      model.ciphertexts.push({ keyIndex, blob: (result.success as { ciphertextBlob: Uint8Array }).ciphertextBlob, plaintext: step.plaintext, context: step.context })
    }
  })

/** The tests' scheduler ticks daily (the model's steps move time in whole days). */
const daily = { schedulerIntervalMs: 24 * 3_600_000 }

/** Runs the steps, starting a new Region "process" at every restart, then checks every invariant in a last fresh one. */
const scenario = (steps: ReadonlyArray<Step>, prepared: PreparedStore, servers?: ReadonlyArray<boolean>) =>
  Effect.gen(function*() {
    const model: Model = { now: 0, keys: [], ciphertexts: [] }
    const segments: Array<Array<Step>> = [[]]
    for (const step of steps) {
      if (step.op === "restart") segments.push([])
      else segments[segments.length - 1]!.push(step)
    }
    let index = 0
    for (const segment of segments) {
      if (servers === undefined) {
        yield* inRegionOn(prepared, Effect.flatMap(Effect.service(Region), (region) => Effect.forEach(segment, (step) => runStep(model, step, region), { discard: true })), daily)
        continue
      }
      // Two servers on the store: each step runs on the one the property chose; a server catches up with the
      // log before it acts (read-your-writes across processes, on demand: RegionApi.caughtUp).
      yield* inTwoRegionsOn(prepared, (a, b) =>
        Effect.forEach(segment, (step) => {
          const region = servers[index++ % servers.length] === true ? b : a
          return Effect.andThen(region.caughtUp, runStep(model, step, region))
        }, { discard: true }), daily)
    }
    yield* inRegionOn(prepared, Effect.andThen(checkAllCiphertexts(model), checkReplay(model)), daily)
  }).pipe(Effect.provide(TestClock.layer()))

export interface ModelSuiteOptions {
  readonly maxSteps: number
  readonly size: "small" | "medium" | "large"
  readonly numRuns?: number
  /** The test's time limit: stores with real I/O per run (Kafka) need more than vitest's default. */
  readonly timeoutMs?: number
  /** 2: every step runs on one of two Region processes sharing the store, chosen at random. */
  readonly servers?: 1 | 2
}

/**
 * The Region against a reference model over random operation sequences with
 * restarts: every ciphertext decrypts exactly when its key is Enabled, nothing
 * decrypts once its material is destroyed, and replaying the stored events
 * equals the live state.
 */
export const regionModelSuite = (store: StoreUnderTest, options: ModelSuiteOptions) => {
  const two = options.servers === 2
  const where = two ? `${store.name}, two servers` : store.name
  return describe(`the Region against a reference model (${where})`, () => {
    it(`agrees with the model over random operation sequences with restarts${two ? ", spread over two servers" : ""}`, () =>
      checkProperty(
        `Region ≡ model (${where})`,
        fc.asyncProperty(
          fc.array(stepArbitrary, { minLength: 1, maxLength: options.maxSteps, size: options.size }),
          fc.array(fc.boolean(), { minLength: 1, maxLength: options.maxSteps }),
          (steps, servers) =>
            Effect.runPromise(onFreshStore(store.prepare, (prepared) => scenario(steps, prepared, two ? servers : undefined)) as Effect.Effect<void>)
        ),
        options.numRuns === undefined ? {} : { numRuns: options.numRuns }
      ), options.timeoutMs)
  })
}
