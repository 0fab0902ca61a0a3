import { it } from "@effect/vitest"
import { Effect, Fiber, Option, Stream, type Layer } from "effect"
import { describe, expect } from "vitest"
import { genesisHash } from "../eventHash.ts"
import { EventLog } from "../EventLog.ts"
import type { EventLogFailure } from "../EventLogFailure.ts"
import { expectInvalidInput } from "./expectInvalidInput.test-support.ts"
import { sampleAppend, samplePendingEvent } from "./samplePendingEvent.test-support.ts"
import { SeqConflict } from "../SeqConflict.ts"
import { verifyStreamChain } from "../verifyStreamChain.ts"

/**
 * The behaviour every EventLog adapter shares. Each adapter's test file calls
 * this with a factory for a fresh, empty log of Region "eu-west-1".
 */
export const eventLogContract = (fresh: () => Layer.Layer<EventLog, EventLogFailure>): void => {
  const test = (name: string, body: Effect.Effect<void, unknown, EventLog>) =>
    it.effect(name, () => Effect.provide(body, fresh()))

  describe("append", () => {
    test("starts a new stream at seq 1, term 0, linked to the genesis hash", Effect.gen(function*() {
      const log = yield* EventLog
      const [event] = yield* log.append(sampleAppend("k1", 0, 1))
      expect(event).toMatchObject({ position: 1, region: "eu-west-1", streamId: "k1", seq: 1, term: 0, prevHash: genesisHash })
      expect(event).toMatchObject(samplePendingEvent(1))
      expect(event?.hash).toMatch(/^[0-9a-f]{64}$/)
    }))

    test("numbers the events of later appends after the stream's last seq and chains them", Effect.gen(function*() {
      const log = yield* EventLog
      const first = yield* log.append(sampleAppend("k1", 0, 1, 2))
      yield* log.append(sampleAppend("k2", 0, 3))
      const second = yield* log.append(sampleAppend("k1", 2, 4, 3))
      expect(second.map((e) => [e.seq, e.position])).toEqual([[3, 4], [4, 5], [5, 6]])
      expect(second[0]?.prevHash).toBe(first[1]?.hash)
      const stream = yield* log.readStream("k1")
      expect(stream).toEqual([...first, ...second])
      expect(verifyStreamChain(stream)).toEqual({ ok: true })
    }))

    test("rejects a stale expectedSeq with SeqConflict naming the actual seq, and stores nothing", Effect.gen(function*() {
      const log = yield* EventLog
      yield* log.append(sampleAppend("k1", 0, 1, 2))
      const conflict = yield* Effect.flip(log.append(sampleAppend("k1", 1, 3)))
      expect(conflict).toEqual(new SeqConflict({ streamId: "k1", expectedSeq: 1, actualSeq: 2 }))
      expect(yield* log.readAll(0, 10)).toHaveLength(2)
      expect(Option.getOrThrow(yield* log.readState("k1")).state).toEqual({ lastEvent: 2 })
    }))

    test("rejects an expectedSeq beyond the stream's end with SeqConflict", Effect.gen(function*() {
      const log = yield* EventLog
      const conflict = yield* Effect.flip(log.append(sampleAppend("k1", 3, 1)))
      expect(conflict).toMatchObject({ _tag: "SeqConflict", expectedSeq: 3, actualSeq: 0 })
      expect(yield* log.readStream("k1")).toEqual([])
      expect(yield* log.readState("k1")).toEqual(Option.none())
    }))

    test("is atomic: an append whose second event reuses a stored eventId leaves no event and no state", Effect.gen(function*() {
      const log = yield* EventLog
      yield* log.append(sampleAppend("k1", 0, 1))
      const reusing = sampleAppend("k2", 0, 2, 1, { events: [samplePendingEvent(2), samplePendingEvent(1)] })
      yield* expectInvalidInput(log.append(reusing), new RegExp(`eventId ${samplePendingEvent(1).eventId} is already stored`))
      expect(yield* log.readAll(0, 10)).toHaveLength(1)
      expect(yield* log.readState("k2")).toEqual(Option.none())
      const [next] = yield* log.append(sampleAppend("k2", 0, 3))
      expect(next).toMatchObject({ position: 2, seq: 1 })
    }))

    test("dies with InvalidEventLogInput on input that breaks the contract", Effect.gen(function*() {
      const log = yield* EventLog
      const cases: ReadonlyArray<readonly [Parameters<typeof sampleAppend>[4], RegExp]> = [
        [{ events: [] }, /at least one event/],
        [{ expectedSeq: -1 }, /expectedSeq must be a non-negative integer/],
        [{ expectedSeq: 0.5 }, /expectedSeq must be a non-negative integer/],
        [{ streamType: "alias" }, /does not fit streamType/],
        [{ streamId: "" }, /streamId must be a non-empty string/],
        [{ dueAt: Number.NaN }, /dueAt must be null or epoch milliseconds/],
        [{ state: { when: new Date(0) } }, /state must be a JSON value: \$\.when is an instance of Date/],
        [{ events: [samplePendingEvent(1, { payload: { a: [undefined] } })] }, /events\[0\]\.payload must be a JSON value/],
        [{ events: [samplePendingEvent(1, { at: -5 })] }, /events\[0\]\.at must be epoch milliseconds/],
        [{ events: [samplePendingEvent(1, { schemaVersion: 0 })] }, /schemaVersion must be an integer >= 1/],
        [{ events: [samplePendingEvent(1), samplePendingEvent(1)] }, /distinct eventIds/]
      ]
      for (const [fields, message] of cases) yield* expectInvalidInput(log.append(sampleAppend("k1", 0, 1, 1, fields)), message)
      expect(yield* log.readAll(0, 10)).toEqual([])
    }))

    test("stores payloads canonically: the same value with keys in another order gets the same hash", Effect.gen(function*() {
      const log = yield* EventLog
      const [a] = yield* log.append(sampleAppend("k1", 0, 1, 1, { events: [samplePendingEvent(1, { payload: { x: 1, y: [2, { b: 1, a: 0 }] } })] }))
      const [b] = yield* log.append(sampleAppend("k2", 0, 1, 1, { events: [samplePendingEvent(2, { payload: { y: [2, { a: 0, b: 1 }], x: 1 } })] }))
      expect(a?.payload).toEqual(b?.payload)
      expect(JSON.stringify(a?.payload)).toBe(`{"x":1,"y":[2,{"a":0,"b":1}]}`)
    }))
  })

  describe("state rows", () => {
    test("hold exactly what the last append wrote", Effect.gen(function*() {
      const log = yield* EventLog
      yield* log.append(sampleAppend("k1", 0, 1, 2, { state: { v: 1 }, dueAt: 500 }))
      yield* log.append(sampleAppend("k1", 2, 3, 1, { state: { v: 2, nested: { ok: true } }, dueAt: null }))
      expect(yield* log.readState("k1")).toEqual(
        Option.some({ streamId: "k1", streamType: "key", seq: 3, state: { v: 2, nested: { ok: true } }, dueAt: null })
      )
      expect(yield* log.readState("unknown")).toEqual(Option.none())
    }))

    test("list one stream type ordered by streamId, paging after a streamId", Effect.gen(function*() {
      const log = yield* EventLog
      let n = 0
      for (const id of ["k3", "alias/b", "k1", "k2", "alias/a", "k10"]) {
        n += 1
        yield* log.append(sampleAppend(id, 0, n))
      }
      const ids = (states: ReadonlyArray<{ readonly streamId: string }>) => states.map((s) => s.streamId)
      expect(ids(yield* log.listStates("key", undefined, 10))).toEqual(["k1", "k10", "k2", "k3"])
      expect(ids(yield* log.listStates("key", undefined, 2))).toEqual(["k1", "k10"])
      expect(ids(yield* log.listStates("key", "k10", 2))).toEqual(["k2", "k3"])
      expect(ids(yield* log.listStates("key", "k3", 2))).toEqual([])
      expect(ids(yield* log.listStates("alias", undefined, 10))).toEqual(["alias/a", "alias/b"])
    }))

    test("come due when dueAt <= now, earliest first, never when dueAt is null", Effect.gen(function*() {
      const log = yield* EventLog
      const due: ReadonlyArray<readonly [string, number | null]> = [["k1", 300], ["k2", 100], ["k3", null], ["k4", 900], ["k5", 100]]
      let n = 0
      for (const [id, dueAt] of due) {
        n += 1
        yield* log.append(sampleAppend(id, 0, n, 1, { dueAt }))
      }
      const ids = (states: ReadonlyArray<{ readonly streamId: string }>) => states.map((s) => s.streamId)
      expect(ids(yield* log.dueStates("key", 300, 10))).toEqual(["k2", "k5", "k1"])
      expect(ids(yield* log.dueStates("key", 300, 2))).toEqual(["k2", "k5"])
      expect(ids(yield* log.dueStates("key", 99, 10))).toEqual([])
      expect(ids(yield* log.dueStates("alias", 1_000, 10))).toEqual([])
      yield* log.append(sampleAppend("k2", 1, 9, 1, { dueAt: null }))
      expect(ids(yield* log.dueStates("key", 1_000, 10))).toEqual(["k5", "k1", "k4"])
    }))

    test("die with InvalidEventLogInput on a limit below 1", Effect.gen(function*() {
      const log = yield* EventLog
      yield* expectInvalidInput(log.listStates("key", undefined, 0), /limit must be a positive integer/)
      yield* expectInvalidInput(log.dueStates("key", 0, -1), /limit must be a positive integer/)
    }))
  })

  describe("reads", () => {
    test("readStream returns the suffix from a seq", Effect.gen(function*() {
      const log = yield* EventLog
      yield* log.append(sampleAppend("k1", 0, 1, 4))
      expect((yield* log.readStream("k1", 3)).map((e) => e.seq)).toEqual([3, 4])
      expect(yield* log.readStream("k1", 5)).toEqual([])
      yield* expectInvalidInput(log.readStream("k1", 0), /fromSeq must be an integer >= 1/)
    }))

    test("readStream with toAt returns the history up to that moment, stopping at the first later event", Effect.gen(function*() {
      const log = yield* EventLog
      const at = [100, 200, 300, 250, 400]
      const events = at.map((t, i) => samplePendingEvent(i + 1, { at: t }))
      yield* log.append(sampleAppend("k1", 0, 1, 1, { events }))
      const seqs = (toAt: number, fromSeq = 1) => log.readStream("k1", fromSeq, toAt).pipe(Effect.map((es) => es.map((e) => e.seq)))
      expect(yield* seqs(99)).toEqual([])
      expect(yield* seqs(200)).toEqual([1, 2])
      // seq 4 has at 250 but follows seq 3 (at 300): a prefix never skips an event.
      expect(yield* seqs(280)).toEqual([1, 2])
      expect(yield* seqs(300)).toEqual([1, 2, 3, 4])
      expect(yield* seqs(300, 2)).toEqual([2, 3, 4])
      expect(yield* seqs(10_000)).toEqual([1, 2, 3, 4, 5])
    }))

    test("readAll pages through every stream in position order", Effect.gen(function*() {
      const log = yield* EventLog
      yield* log.append(sampleAppend("k1", 0, 1, 2))
      yield* log.append(sampleAppend("alias/x", 0, 3))
      yield* log.append(sampleAppend("k1", 2, 4, 2))
      const page1 = yield* log.readAll(0, 3)
      const page2 = yield* log.readAll(3, 3)
      expect([...page1, ...page2].map((e) => [e.position, e.streamId, e.seq])).toEqual([
        [1, "k1", 1], [2, "k1", 2], [3, "alias/x", 1], [4, "k1", 3], [5, "k1", 4]
      ])
      expect(yield* log.readAll(5, 3)).toEqual([])
      yield* expectInvalidInput(log.readAll(-1, 3), /afterPosition must be a non-negative integer/)
    }))

    test("readReplay pages through readAll's events with a fold's fields", Effect.gen(function*() {
      const log = yield* EventLog
      yield* log.append(sampleAppend("k1", 0, 1, 2))
      yield* log.append(sampleAppend("alias/x", 0, 3))
      yield* log.append(sampleAppend("k1", 2, 4, 2))
      const replayed = [...(yield* log.readReplay(0, 3)), ...(yield* log.readReplay(3, 3))]
      expect(replayed).toEqual((yield* log.readAll(0, 10)).map(({ position, streamId, seq, type, schemaVersion, payload }) => ({
        position, streamId, seq, type, schemaVersion, payload
      })))
      expect(yield* log.readReplay(5, 3)).toEqual([])
      yield* expectInvalidInput(log.readReplay(-1, 3), /afterPosition must be a non-negative integer/)
      yield* expectInvalidInput(log.readReplay(0, 0), /limit/)
    }))
  })

  describe("head", () => {
    test("is 0 for an empty log, then the position of the last event", Effect.gen(function*() {
      const log = yield* EventLog
      expect(yield* log.head).toBe(0)
      yield* log.append(sampleAppend("k1", 0, 1, 2))
      yield* log.append(sampleAppend("k2", 0, 3))
      expect(yield* log.head).toBe(3)
    }))
  })

  describe("follow", () => {
    test("yields the events already stored, then each new one as it is appended", Effect.gen(function*() {
      const log = yield* EventLog
      yield* log.append(sampleAppend("k1", 0, 1, 2))
      const follower = yield* Effect.forkChild(log.follow(0).pipe(Stream.take(5), Stream.runCollect))
      yield* Effect.yieldNow
      yield* log.append(sampleAppend("k2", 0, 3))
      yield* Effect.yieldNow
      yield* log.append(sampleAppend("k1", 2, 4, 2))
      const seen = yield* Fiber.join(follower)
      expect(Array.from(seen).map((e) => e.position)).toEqual([1, 2, 3, 4, 5])
      expect(Array.from(seen)).toEqual(yield* log.readAll(0, 10))
    }))

    test("starts after the given position", Effect.gen(function*() {
      const log = yield* EventLog
      yield* log.append(sampleAppend("k1", 0, 1, 3))
      const follower = yield* Effect.forkChild(log.follow(2).pipe(Stream.take(2), Stream.runCollect))
      yield* log.append(sampleAppend("k1", 3, 4))
      expect(Array.from(yield* Fiber.join(follower)).map((e) => e.position)).toEqual([3, 4])
    }))
  })
}
