import { DatabaseSync } from "node:sqlite"
import { scratchDirectory } from "@trent/testing"
import { it } from "@effect/vitest"
import { Effect } from "effect"
import { afterAll, describe, expect } from "vitest"
import { canonicalJson } from "./canonicalJson.ts"
import { eventHash } from "./eventHash.ts"
import { EventLog } from "./EventLog.ts"
import { sampleAppend } from "./contract/samplePendingEvent.test-support.ts"
import type { StoredEvent } from "./StoredEvent.ts"
import { verifyStreamChain } from "./verifyStreamChain.ts"

const scratch = scratchDirectory("sqlite-tampering", afterAll)
const region = "eu-west-1"

/** A closed log file holding stream k1 (seq 1..5) and stream k2 (seq 1..2). */
const writeLog = Effect.gen(function*() {
  const file = scratch.fresh("events.db")
  yield* Effect.gen(function*() {
    const log = yield* EventLog
    yield* log.append(sampleAppend("k1", 0, 1, 3))
    yield* log.append(sampleAppend("k2", 0, 4, 2))
    yield* log.append(sampleAppend("k1", 3, 6, 2))
  }).pipe(Effect.provide(EventLog.layerSqlite({ file, region })))
  return file
})

/** Edits the file behind the log's back, as an attacker with file access would. */
const tamper = (file: string, ...statements: ReadonlyArray<string>): void => {
  const db = new DatabaseSync(file)
  try {
    for (const statement of statements) db.exec(statement)
  } finally {
    db.close()
  }
}

const verify = (file: string, streamId: string) =>
  Effect.gen(function*() {
    const log = yield* EventLog
    return verifyStreamChain(yield* log.readStream(streamId))
  }).pipe(Effect.provide(EventLog.layerSqlite({ file, region })))

describe("verifyStreamChain over a SQLite file edited directly", () => {
  it.effect("accepts the streams as the log wrote them", () =>
    Effect.gen(function*() {
      const file = yield* writeLog
      expect(yield* verify(file, "k1")).toEqual({ ok: true })
      expect(yield* verify(file, "k2")).toEqual({ ok: true })
    }))

  it.effect("detects an edited payload at the edited seq, and leaves other streams verifiable", () =>
    Effect.gen(function*() {
      const file = yield* writeLog
      tamper(file, `UPDATE events SET payload = '{"description":"event 3","n":333}' WHERE stream_id = 'k1' AND seq = 3`)
      expect(yield* verify(file, "k1")).toEqual({ ok: false, seq: 3 })
      expect(yield* verify(file, "k2")).toEqual({ ok: true })
    }))

  it.effect("detects an edited envelope field (principal, at)", () =>
    Effect.gen(function*() {
      const file = yield* writeLog
      tamper(file, `UPDATE events SET principal = 'arn:aws:iam::111122223333:user/mallory' WHERE stream_id = 'k1' AND seq = 2`)
      expect(yield* verify(file, "k1")).toEqual({ ok: false, seq: 2 })
      tamper(file, `UPDATE events SET at = at + 1 WHERE stream_id = 'k2' AND seq = 1`)
      expect(yield* verify(file, "k2")).toEqual({ ok: false, seq: 1 })
    }))

  it.effect("detects a deleted event at the seq that went missing", () =>
    Effect.gen(function*() {
      const file = yield* writeLog
      tamper(file, `DELETE FROM events WHERE stream_id = 'k1' AND seq = 3`)
      expect(yield* verify(file, "k1")).toEqual({ ok: false, seq: 3 })
    }))

  it.effect("detects deleting the first event of a stream", () =>
    Effect.gen(function*() {
      const file = yield* writeLog
      tamper(file, `DELETE FROM events WHERE stream_id = 'k2' AND seq = 1`)
      expect(yield* verify(file, "k2")).toEqual({ ok: false, seq: 1 })
    }))

  it.effect("detects two events swapped in the stream's order", () =>
    Effect.gen(function*() {
      const file = yield* writeLog
      tamper(
        file,
        `UPDATE events SET seq = 1002 WHERE stream_id = 'k1' AND seq = 2`,
        `UPDATE events SET seq = 2 WHERE stream_id = 'k1' AND seq = 3`,
        `UPDATE events SET seq = 3 WHERE stream_id = 'k1' AND seq = 1002`
      )
      expect(yield* verify(file, "k1")).toEqual({ ok: false, seq: 2 })
    }))

  it.effect("detects an edit whose own hash was recomputed, at the next event's link", () =>
    Effect.gen(function*() {
      const file = yield* writeLog
      const forged = yield* Effect.gen(function*() {
        const [event] = yield* (yield* EventLog).readStream("k1", 3)
        expect(event?.seq).toBe(3)
        const payloadJson = canonicalJson({ n: 333 })
        return { payloadJson, hash: eventHash({ ...(event as StoredEvent), payloadJson }) }
      }).pipe(Effect.provide(EventLog.layerSqlite({ file, region })))
      tamper(file, `UPDATE events SET payload = '${forged.payloadJson}', hash = '${forged.hash}' WHERE stream_id = 'k1' AND seq = 3`)
      expect(yield* verify(file, "k1")).toEqual({ ok: false, seq: 4 })
    }))

  it.effect("fails a replay read with EventLogFailure when a stored payload no longer parses", () =>
    Effect.gen(function*() {
      const file = yield* writeLog
      const replay = Effect.flatMap(EventLog, (log) => log.readReplay(0, 100)).pipe(Effect.provide(EventLog.layerSqlite({ file, region })))
      expect(yield* replay).toHaveLength(7)
      tamper(file, `UPDATE events SET payload = '{not json' WHERE stream_id = 'k1' AND seq = 2`)
      expect(yield* Effect.flip(replay)).toMatchObject({ _tag: "EventLogFailure", message: expect.stringContaining("reading the log") })
    }))

  it.effect("fails a read with EventLogFailure when a stored payload no longer parses", () =>
    Effect.gen(function*() {
      const file = yield* writeLog
      tamper(file, `UPDATE events SET payload = '{not json' WHERE stream_id = 'k1' AND seq = 2`)
      const failure = yield* Effect.flip(verify(file, "k1"))
      expect(failure).toMatchObject({ _tag: "EventLogFailure", message: expect.stringContaining("reading stream k1") })
    }))
})
