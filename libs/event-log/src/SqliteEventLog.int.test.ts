import { existsSync, mkdirSync } from "node:fs"
import { dirname } from "node:path"
import { DatabaseSync } from "node:sqlite"
import { scratchDirectory } from "@trent/testing"
import { it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { afterAll, describe, expect } from "vitest"
import { EventLog } from "./EventLog.ts"
import { eventLogContract } from "./contract/eventLogContract.test-support.ts"
import { sampleAppend } from "./contract/samplePendingEvent.test-support.ts"
import { verifyStreamChain } from "./verifyStreamChain.ts"

const scratch = scratchDirectory("sqlite-event-log", afterAll)
const region = "eu-west-1"

describe("EventLog.layerSqlite", () => {
  eventLogContract(() => EventLog.layerSqlite({ file: scratch.fresh("events.db"), region }))
})

const everything = Effect.gen(function*() {
  const log = yield* EventLog
  return {
    events: yield* log.readAll(0, 1_000),
    keys: yield* log.listStates("key", undefined, 1_000),
    aliases: yield* log.listStates("alias", undefined, 1_000)
  }
})

const pragma = (file: string, name: string): unknown => {
  const db = new DatabaseSync(file)
  try {
    return db.prepare(`PRAGMA ${name}`).get()?.[name]
  } finally {
    db.close()
  }
}

describe("EventLog.layerSqlite on disk", () => {
  it.effect("reads back every event and state after the file is closed and reopened", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("events.db")
      const layer = EventLog.layerSqlite({ file, region })
      const written = yield* Effect.gen(function*() {
        const log = yield* EventLog
        yield* log.append(sampleAppend("k1", 0, 1, 3, { state: { status: "Enabled" }, dueAt: 42 }))
        yield* log.append(sampleAppend("alias/prod", 0, 4, 1, { state: { target: "k1" } }))
        yield* log.append(sampleAppend("k1", 3, 5, 2, { state: { status: "Disabled" } }))
        return yield* everything
      }).pipe(Effect.provide(layer))
      expect(written.events).toHaveLength(6)

      const reread = yield* Effect.provide(everything, layer)
      expect(reread).toEqual(written)
      const appended = yield* Effect.gen(function*() {
        const log = yield* EventLog
        const [next] = yield* log.append(sampleAppend("k1", 5, 7))
        return { next, stream: yield* log.readStream("k1") }
      }).pipe(Effect.provide(layer))
      expect(appended.next).toMatchObject({ position: 7, seq: 6, prevHash: written.events[5]?.hash })
      expect(verifyStreamChain(appended.stream)).toEqual({ ok: true })
    }))

  it.effect("creates the schema with WAL journaling and a schema version, and closes the file on release", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("events.db")
      yield* Effect.gen(function*() {
        const log = yield* EventLog
        yield* log.append(sampleAppend("k1", 0, 1))
        expect(existsSync(`${file}-wal`)).toBe(true)
      }).pipe(Effect.provide(EventLog.layerSqlite({ file, region })))
      // The last connection to close checkpoints and removes the WAL: nothing holds the file any more.
      expect(existsSync(`${file}-wal`)).toBe(false)
      expect(pragma(file, "journal_mode")).toBe("wal")
      expect(pragma(file, "user_version")).toBe(2)
    }))

  it.effect("migrates a version 1 file, keeping its states, so that custom key store streams fit it", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("events.db")
      mkdirSync(dirname(file), { recursive: true })
      const v1 = new DatabaseSync(file)
      v1.exec(`CREATE TABLE key_state (
         stream_id TEXT PRIMARY KEY, stream_type TEXT NOT NULL CHECK (stream_type IN ('key', 'alias')),
         seq INTEGER NOT NULL, state TEXT NOT NULL, due_at INTEGER) STRICT;
       CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, region TEXT NOT NULL, stream_id TEXT NOT NULL,
         seq INTEGER NOT NULL CHECK (seq >= 1), term INTEGER NOT NULL, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL,
         schema_version INTEGER NOT NULL, at INTEGER NOT NULL, principal TEXT NOT NULL, request_id TEXT NOT NULL,
         command_id TEXT NOT NULL, payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (stream_id, seq)) STRICT;
       CREATE TABLE log_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
       INSERT INTO key_state VALUES ('k1', 'key', 1, '{"status":"Absent"}', 5);
       PRAGMA user_version = 1;`)
      v1.close()
      yield* Effect.gen(function*() {
        const log = yield* EventLog
        expect(Option.map(yield* log.readState("k1"), (state) => state.dueAt)).toEqual(Option.some(5))
        yield* log.append({ ...sampleAppend("cks-00000000000000001", 0, 1), streamType: "customKeyStore" })
        expect((yield* log.listStates("customKeyStore", undefined, 10)).map((state) => state.streamId)).toEqual(["cks-00000000000000001"])
      }).pipe(Effect.provide(EventLog.layerSqlite({ file, region })))
      expect(pragma(file, "user_version")).toBe(2)
    }))

  it.effect("refuses to open another Region's log", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("events.db")
      yield* Effect.provide(everything, EventLog.layerSqlite({ file, region }))
      const failure = yield* Effect.flip(Effect.provide(everything, EventLog.layerSqlite({ file, region: "us-east-1" })))
      expect(failure._tag).toBe("EventLogFailure")
      expect(failure.message).toMatch(/holds the log of Region eu-west-1, not us-east-1/)
    }))

  it.effect("refuses a file whose schema is newer than this build", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("events.db")
      mkdirSync(dirname(file), { recursive: true })
      const db = new DatabaseSync(file)
      db.exec("PRAGMA user_version = 99")
      db.close()
      const failure = yield* Effect.flip(Effect.provide(everything, EventLog.layerSqlite({ file, region })))
      expect(failure.message).toMatch(/schema version 99 is newer than this build supports \(2\)/)
    }))

  it.effect("fails with EventLogFailure, not a crash, when the file cannot be opened", () =>
    Effect.gen(function*() {
      const directory = scratch.fresh("a-directory")
      mkdirSync(directory, { recursive: true })
      const failure = yield* Effect.flip(Effect.provide(everything, EventLog.layerSqlite({ file: directory, region })))
      expect(failure._tag).toBe("EventLogFailure")
      expect(failure.message).toContain(`opening the event log of Region eu-west-1 at ${directory}`)
    }))

  it.effect("keeps the state row in step with the events after many appends", () =>
    Effect.gen(function*() {
      const log = yield* EventLog
      for (let seq = 0; seq < 20; seq++) {
        yield* log.append(sampleAppend("k1", seq, seq + 1, 1, { state: { seq: seq + 1 }, dueAt: seq % 2 === 0 ? seq : null }))
      }
      const state = Option.getOrThrow(yield* log.readState("k1"))
      expect(state).toEqual({ streamId: "k1", streamType: "key", seq: 20, state: { seq: 20 }, dueAt: null })
      expect((yield* log.readStream("k1")).at(-1)?.seq).toBe(state.seq)
    }).pipe(Effect.provide(EventLog.layerSqlite({ file: scratch.fresh("events.db"), region }))))
})
