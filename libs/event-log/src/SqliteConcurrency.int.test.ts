import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { it } from "@effect/vitest"
import { Effect, Fiber, Stream } from "effect"
import { DatabaseSync } from "node:sqlite"
import { scratchDirectory } from "@trent/testing"
import { afterAll, describe, expect } from "vitest"
import { EventLog } from "./EventLog.ts"
import { appendRacing } from "./racingAppender.test-support.ts"
import { sampleAppend } from "./contract/samplePendingEvent.test-support.ts"
import { makeSqliteEventLog } from "./SqliteEventLog.ts"
import { verifyStreamChain } from "./verifyStreamChain.ts"

const scratch = scratchDirectory("sqlite-concurrency", afterAll)
const region = "eu-west-1"

/** What a race must leave behind: seqs 1..n, one chain, each writer's events all there. */
const expectOneContiguousStream = (file: string, streamId: string, total: number) =>
  Effect.gen(function*() {
    const log = yield* EventLog
    const stream = yield* log.readStream(streamId)
    expect(stream.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1))
    expect(new Set(stream.map((e) => e.eventId)).size).toBe(total)
    expect(verifyStreamChain(stream)).toEqual({ ok: true })
    const all = yield* log.readAll(0, total + 1)
    expect(all).toHaveLength(total)
    expect(all.map((e) => e.position)).toEqual([...all.map((e) => e.position)].sort((a, b) => a - b))
    const state = yield* log.readState(streamId)
    expect(state._tag === "Some" && state.value.seq).toBe(total)
  }).pipe(Effect.provide(EventLog.layerSqlite({ file, region })))

describe("EventLog.layerSqlite with several writers on one file", () => {
  it.effect("two connections in one process racing on one stream leave no gap and no duplicate seq", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("events.db")
      const connections = [yield* makeSqliteEventLog({ file, region }), yield* makeSqliteEventLog({ file, region })]
      const writers = connections.flatMap((log, c) =>
        [0, 1, 2].map((w) => appendRacing("k1", c * 10 + w, 15).pipe(Effect.provideService(EventLog, log)))
      )
      const conflicts = yield* Effect.all(writers, { concurrency: "unbounded" })
      // The fibers interleave between reading the tip and appending, so some must have lost a race.
      expect(conflicts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
      yield* expectOneContiguousStream(file, "k1", 90)
    }))

  it.effect("child processes racing on one stream leave no gap and no duplicate seq", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("events.db")
      // Create the file first, so the children race on appends rather than on the schema.
      yield* Effect.provide(Effect.asVoid(EventLog), EventLog.layerSqlite({ file, region }))
      const script = fileURLToPath(new URL("./racingAppender.test-support.ts", import.meta.url))
      const run = promisify(execFile)
      // All children start appending at the same moment, whatever their start-up time.
      const startAt = String(Date.now() + 1_500)
      const children = [1, 2, 3].map((writer) =>
        Effect.promise(() => run(process.execPath, [script, file, region, "k1", String(writer), "40", startAt]))
      )
      const outputs = yield* Effect.all(children, { concurrency: "unbounded" })
      const conflicts = outputs.map((o) => Number(o.stdout.trim()))
      expect(conflicts.every(Number.isInteger)).toBe(true)
      expect(conflicts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
      yield* expectOneContiguousStream(file, "k1", 120)
    }), 60_000)

  it.effect("a row slipped in between the seq check and the insert surfaces as SeqConflict and rolls back", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("events.db")
      const log = yield* makeSqliteEventLog({ file, region })
      yield* log.append(sampleAppend("k1", 0, 1))
      // A trigger plays a writer that ignored the lock: it takes seq 2 just before the adapter's insert does.
      const intruder = new DatabaseSync(file)
      intruder.exec(`CREATE TRIGGER intrude BEFORE INSERT ON events WHEN NEW.stream_id = 'k1' AND NEW.event_id != 'intruder'
        BEGIN
          INSERT INTO events (region, stream_id, seq, term, event_id, type, schema_version, at, principal, request_id,
            command_id, payload, prev_hash, hash)
          VALUES (NEW.region, 'k1', NEW.seq, 0, 'intruder', 'X', 1, 0, '', '', '', '{}', '', '');
        END`)
      const conflict = yield* Effect.flip(log.append(sampleAppend("k1", 1, 2, 2)))
      expect(conflict).toMatchObject({ _tag: "SeqConflict", streamId: "k1", expectedSeq: 1 })
      intruder.exec("DROP TRIGGER intrude")
      intruder.close()
      expect((yield* log.readStream("k1")).map((e) => e.eventId)).toEqual([sampleAppend("k1", 0, 1).events[0]?.eventId])
      expect((yield* log.append(sampleAppend("k1", 1, 2, 2))).map((e) => e.seq)).toEqual([2, 3])
    }))

  it.live("a follower sees events appended through another connection, by polling the file", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("events.db")
      const reader = yield* makeSqliteEventLog({ file, region })
      const writer = yield* makeSqliteEventLog({ file, region })
      yield* writer.append(sampleAppend("k1", 0, 1))
      const follower = yield* Effect.forkChild(reader.follow(0).pipe(Stream.take(3), Stream.runCollect))
      yield* Effect.sleep("50 millis")
      yield* writer.append(sampleAppend("k1", 1, 2, 2))
      const seen = yield* Fiber.join(follower).pipe(Effect.timeout("5 seconds"))
      expect(Array.from(seen).map((e) => e.seq)).toEqual([1, 2, 3])
    }))
})
