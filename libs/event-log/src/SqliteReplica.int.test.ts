import { DatabaseSync } from "node:sqlite"
import { scratchDirectory } from "@trent/testing"
import { it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { afterAll, describe, expect } from "vitest"
import { prepareAppend } from "./AppendInput.ts"
import { sampleAppend } from "./contract/samplePendingEvent.test-support.ts"
import { EventLog } from "./EventLog.ts"
import { makeSqliteReplica, type ReplicaAppend } from "./SqliteReplica.ts"
import { verifyStreamChain } from "./verifyStreamChain.ts"

const scratch = scratchDirectory("sqlite-replica", afterAll)
const region = "eu-west-1"
const source = "kafka:trent.eu-west-1.events/3"

const admitted = (term: number, ...args: Parameters<typeof sampleAppend>): ReplicaAppend => ({
  term,
  append: prepareAppend(sampleAppend(...args)),
  returnEvents: true
})

describe("makeSqliteReplica", () => {
  it.effect("applies admitted appends under their writer's term and stores the checkpoint with them", () =>
    Effect.gen(function*() {
      const replica = yield* makeSqliteReplica({ file: scratch.fresh("replica.db"), region, source })
      expect(yield* replica.checkpoints).toEqual([])
      const checkpoint = { partition: 2, nextOffset: 4, term: 7, writerId: "w1" }
      const outcomes = yield* replica.apply([admitted(7, "k1", 0, 1, 2), admitted(7, "k1", 2, 3)], checkpoint)
      expect(outcomes.map((o) => o._tag)).toEqual(["Appended", "Appended"])
      const stream = yield* replica.readStream("k1")
      expect(stream.map((e) => [e.seq, e.term, e.position])).toEqual([[1, 7, 1], [2, 7, 2], [3, 7, 3]])
      expect(verifyStreamChain(stream)).toEqual({ ok: true })
      expect(yield* replica.checkpoints).toEqual([checkpoint])
      expect(yield* replica.streamSeq("k1")).toBe(3)
      expect(Option.getOrThrow(yield* replica.readState("k1")).seq).toBe(3)
    }))

  it.effect("reports a stale expectedSeq and a reused eventId without storing them, and still advances the checkpoint", () =>
    Effect.gen(function*() {
      const replica = yield* makeSqliteReplica({ file: scratch.fresh("replica.db"), region, source })
      const outcomes = yield* replica.apply(
        [admitted(0, "k1", 0, 1), admitted(0, "k1", 0, 2), admitted(0, "k2", 0, 1)],
        { partition: 0, nextOffset: 3, term: 0, writerId: "w1" }
      )
      expect(outcomes).toEqual([
        expect.objectContaining({ _tag: "Appended" }),
        { _tag: "Conflict", actualSeq: 1 },
        { _tag: "EventIdReused", eventId: sampleAppend("k2", 0, 1).events[0]?.eventId }
      ])
      expect(yield* replica.readAll(0, 10)).toHaveLength(1)
      expect(yield* replica.readState("k2")).toEqual(Option.none())
      expect((yield* replica.checkpoints)[0]?.nextOffset).toBe(3)
    }))

  it.effect("gives the same events and hashes as the embedded log for the same appends at term 0", () =>
    Effect.gen(function*() {
      const replica = yield* makeSqliteReplica({ file: scratch.fresh("replica.db"), region, source })
      const inputs = [sampleAppend("k1", 0, 1, 2), sampleAppend("alias/a", 0, 3), sampleAppend("k1", 2, 4)]
      const outcomes = yield* replica.apply(inputs.map((input) => ({ term: 0, append: prepareAppend(input), returnEvents: false })), { partition: 0, nextOffset: 3, term: 0, writerId: "w" })
      expect(outcomes).toEqual([{ _tag: "Appended", count: 2, events: [] }, { _tag: "Appended", count: 1, events: [] }, { _tag: "Appended", count: 1, events: [] }])
      const embedded = yield* Effect.gen(function*() {
        const log = yield* EventLog
        for (const input of inputs) yield* log.append(input)
        return yield* log.readAll(0, 10)
      }).pipe(Effect.provide(EventLog.layerSqlite({ file: scratch.fresh("events.db"), region })))
      expect(yield* replica.readAll(0, 10)).toEqual(embedded)
    }))

  it.effect("keeps events and checkpoints across a reopen", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("replica.db")
      yield* Effect.scoped(Effect.gen(function*() {
        const replica = yield* makeSqliteReplica({ file, region, source })
        yield* replica.apply([admitted(1, "k1", 0, 1)], { partition: 1, nextOffset: 10, term: 1, writerId: "w" })
      }))
      const reopened = yield* makeSqliteReplica({ file, region, source })
      expect(yield* reopened.checkpoints).toEqual([{ partition: 1, nextOffset: 10, term: 1, writerId: "w" }])
      expect(yield* reopened.streamSeq("k1")).toBe(1)
    }))

  it.effect("rolls back the whole batch and the checkpoint when the file cannot be written", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("replica.db")
      const replica = yield* makeSqliteReplica({ file, region, source })
      yield* replica.apply([admitted(0, "k1", 0, 1)], { partition: 0, nextOffset: 1, term: 0, writerId: "w" })
      const saboteur = new DatabaseSync(file)
      saboteur.exec("CREATE TRIGGER sabotage BEFORE INSERT ON key_state WHEN NEW.stream_id = 'k3' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
      saboteur.close()
      const failure = yield* Effect.flip(
        replica.apply([admitted(0, "k2", 0, 2), admitted(0, "k3", 0, 3)], { partition: 0, nextOffset: 3, term: 0, writerId: "w" })
      )
      expect(failure).toMatchObject({ _tag: "EventLogFailure", message: expect.stringMatching(/disk on fire/) })
      expect(yield* replica.streamSeq("k2")).toBe(0)
      expect((yield* replica.checkpoints)[0]?.nextOffset).toBe(1)
    }))

  it.effect("refuses a replica of another source and an embedded log file", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("replica.db")
      yield* Effect.scoped(makeSqliteReplica({ file, region, source }))
      const other = yield* Effect.flip(Effect.scoped(makeSqliteReplica({ file, region, source: "kafka:trent.eu-west-1.events/12" })))
      expect(other.message).toMatch(/is the replica of kafka:trent\.eu-west-1\.events\/3, not of kafka:trent\.eu-west-1\.events\/12/)

      const embedded = scratch.fresh("events.db")
      yield* Effect.provide(Effect.flatMap(EventLog, (log) => log.append(sampleAppend("k1", 0, 1))), EventLog.layerSqlite({ file: embedded, region }))
      const refused = yield* Effect.flip(Effect.scoped(makeSqliteReplica({ file: embedded, region, source })))
      expect(refused.message).toMatch(/holds an embedded event log, not a replica/)
    }))
})
