import { existsSync, readFileSync } from "node:fs"
import { dirname } from "node:path"
import { scratchDirectory } from "@trent/testing"
import { it } from "@effect/vitest"
import { Context, Effect, Exit, Layer } from "effect"
import { afterAll, describe, expect } from "vitest"
import type { AppendInput } from "./AppendInput.ts"
import { sampleAppend } from "./contract/samplePendingEvent.test-support.ts"
import { EventLog } from "./EventLog.ts"
import { openSqliteEventLogReader } from "./SqliteEventLogReader.ts"

const scratch = scratchDirectory("sqlite-event-log-reader", afterAll)
const region = "eu-west-1"

/** Appends through the embedded log, then closes it: the file as a stopped server leaves it. */
const writeThenClose = (file: string, input: AppendInput) =>
  Effect.flatMap(EventLog, (log) => log.append(input)).pipe(Effect.provide(EventLog.layerSqlite({ file, region })))

describe("openSqliteEventLogReader", () => {
  it.effect("reads the events a running writer appends, before and after it opened, and stops at toAt", () =>
    Effect.scoped(Effect.gen(function*() {
      const file = scratch.fresh("events.db")
      const context = yield* Layer.build(EventLog.layerSqlite({ file, region }))
      const writer = Context.get(context, EventLog)
      yield* writer.append(sampleAppend("k1", 0, 1, 2))
      const reader = yield* openSqliteEventLogReader({ file, region })
      expect((yield* reader.readStream("k1")).map((e) => e.seq)).toEqual([1, 2])
      yield* writer.append(sampleAppend("k1", 2, 3, 2))
      yield* writer.append(sampleAppend("alias/prod", 0, 5))
      const all = yield* reader.readStream("k1")
      expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4])
      expect(yield* reader.readStream("k1", 1, all[2]!.at)).toEqual(all.slice(0, 3))
      expect((yield* reader.listStates("alias", undefined, 10)).map((s) => s.streamId)).toEqual(["alias/prod"])
    })))

  it.effect("never writes: the file's bytes are unchanged after a read beside no server", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("events.db")
      yield* writeThenClose(file, sampleAppend("k1", 0, 1, 3))
      const before = readFileSync(file)
      const events = yield* Effect.scoped(Effect.flatMap(openSqliteEventLogReader({ file, region }), (r) => r.readAll(0, 10)))
      expect(events).toHaveLength(3)
      expect(Buffer.compare(readFileSync(file), before)).toBe(0)
    }))

  it.effect("refuses a missing file without creating it or its directory", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("events.db")
      const exit = yield* Effect.exit(Effect.scoped(openSqliteEventLogReader({ file, region })))
      expect(Exit.isFailure(exit)).toBe(true)
      expect(existsSync(dirname(file))).toBe(false)
    }))

  it.effect("refuses another Region's log", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("events.db")
      yield* writeThenClose(file, sampleAppend("k1", 0, 1))
      const error = yield* Effect.flip(Effect.scoped(openSqliteEventLogReader({ file, region: "us-east-1" })))
      expect(error.message).toContain("holds the log of Region eu-west-1, not us-east-1")
    }))
})
