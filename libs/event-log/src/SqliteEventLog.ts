import type { DatabaseSync } from "node:sqlite"
import { Effect, Option, type Scope } from "effect"
import { prepareAppend, type AppendInput, type PreparedAppend } from "./AppendInput.ts"
import { makeAppendSignal } from "./AppendSignal.ts"
import type { EventLog } from "./EventLog.ts"
import { EventLogFailure } from "./EventLogFailure.ts"
import { toStoredEvent, type EventRecord } from "./EventRecord.ts"
import { migrateEventLog } from "./eventLogSchema.ts"
import { eventsUniqueViolation } from "./eventsUniqueViolation.ts"
import { followLog } from "./followLog.ts"
import { InvalidEventLogInput } from "./InvalidEventLogInput.ts"
import { needsLimit, needsPage, needsStreamRange } from "./readPreconditions.ts"
import { sealEvents, type StreamTip } from "./sealEvents.ts"
import { SeqConflict } from "./SeqConflict.ts"
import { inImmediateTransaction, openSqlite } from "./SqliteDatabase.ts"
import { decodeEventRow, decodeStateRow, eventColumns, stateColumns } from "./SqliteRows.ts"
import { toStreamState } from "./StateRecord.ts"
import type { StoredEvent } from "./StoredEvent.ts"
import type { StreamType } from "./StreamState.ts"

export interface SqliteEventLogOptions {
  readonly file: string
  readonly region: string
}

type AppendOutcome =
  | { readonly _tag: "Appended"; readonly events: ReadonlyArray<StoredEvent> }
  | { readonly _tag: "Conflict"; readonly actualSeq: number }
  | { readonly _tag: "EventIdReused"; readonly eventId: string }

// Other processes may append to the same file; followers look for their events this often.
const pollInterval = "200 millis"

// Embedded writers are never fenced (ARCHITECTURE.md, "Events").
const embeddedTerm = 0

/**
 * The embedded EventLog: one SQLite file per Region (ARCHITECTURE.md, "Stores").
 * Each append is one BEGIN IMMEDIATE transaction that reads the stream's tip,
 * checks the expectation, seals the events onto the stored chain, inserts them
 * and replaces the state row; `UNIQUE(stream_id, seq)` backs the check against
 * any writer that did not take the lock.
 */
export const makeSqliteEventLog = (
  options: SqliteEventLogOptions
): Effect.Effect<EventLog["Service"], EventLogFailure, Scope.Scope> =>
  Effect.gen(function*() {
    const { region } = options
    const db = yield* openSqlite({
      file: options.file,
      purpose: `event log of Region ${region}`,
      prepare: (db) => migrateEventLog(db, region)
    })
    const sql = statements(db)
    const signal = makeAppendSignal()

    const attempt = <A>(action: string, run: () => A): Effect.Effect<A, EventLogFailure> =>
      Effect.try({ try: run, catch: (cause) => EventLogFailure.during(`${action} in ${options.file}`, cause) })

    const tipOf = (streamId: string): StreamTip | undefined => sql.tip.get(streamId) as StreamTip | undefined

    const write = (prepared: PreparedAppend): AppendOutcome => {
      try {
        return inImmediateTransaction(db, () => {
          const tip = tipOf(prepared.streamId)
          const actualSeq = tip?.seq ?? 0
          if (actualSeq !== prepared.expectedSeq) return { _tag: "Conflict", actualSeq }
          const records = sealEvents(region, embeddedTerm, prepared, tip).map((event): EventRecord => {
            const { lastInsertRowid } = sql.insertEvent.run(
              event.region, event.streamId, event.seq, event.term, event.eventId, event.type, event.schemaVersion,
              event.at, event.principal, event.requestId, event.commandId, event.payloadJson, event.prevHash, event.hash
            )
            return { ...event, position: Number(lastInsertRowid) }
          })
          const { state } = prepared
          sql.upsertState.run(state.streamId, state.streamType, state.seq, state.stateJson, state.dueAt)
          return { _tag: "Appended", events: records.map(toStoredEvent) }
        })
      } catch (error) {
        switch (eventsUniqueViolation(error)) {
          case "stream-seq":
            return { _tag: "Conflict", actualSeq: tipOf(prepared.streamId)?.seq ?? 0 }
          case "event-id": {
            const reused = prepared.events.find((event) => sql.eventId.get(event.eventId) !== undefined)
            return { _tag: "EventIdReused", eventId: reused?.eventId ?? "(unknown)" }
          }
          default:
            throw error
        }
      }
    }

    const append = Effect.fn("EventLog.append")(function*(input: AppendInput) {
      const prepared = prepareAppend(input)
      const outcome = yield* attempt(`appending to ${prepared.streamId}`, () => write(prepared))
      switch (outcome._tag) {
        case "Conflict": {
          const { streamId, expectedSeq } = prepared
          return yield* new SeqConflict({ streamId, expectedSeq, actualSeq: outcome.actualSeq })
        }
        case "EventIdReused":
          return yield* Effect.die(new InvalidEventLogInput({ message: `eventId ${outcome.eventId} is already stored` }))
        case "Appended":
          signal.notify()
          return outcome.events
      }
    })

    const readEvents = (action: string, run: () => ReadonlyArray<unknown>) =>
      attempt(action, () => run().map((row) => toStoredEvent(decodeEventRow(row))))

    const readStates = (action: string, run: () => ReadonlyArray<unknown>) =>
      attempt(action, () => run().map((row) => toStreamState(decodeStateRow(row))))

    const readStream = Effect.fn("EventLog.readStream")(function*(streamId: string, fromSeq = 1, toAt?: number) {
      needsStreamRange(streamId, fromSeq, toAt)
      return yield* readEvents(`reading stream ${streamId}`, () =>
        toAt === undefined ? sql.stream.all(streamId, fromSeq) : sql.streamUntil.all(streamId, fromSeq, toAt))
    })

    const readAll = Effect.fn("EventLog.readAll")(function*(afterPosition: number, limit: number) {
      needsPage(afterPosition, limit)
      return yield* readEvents("reading the log", () => sql.all.all(afterPosition, limit))
    })

    const readState = Effect.fn("EventLog.readState")(function*(streamId: string) {
      const states = yield* readStates(`reading the state of ${streamId}`, () => sql.state.all(streamId))
      return Option.fromUndefinedOr(states[0])
    })

    const listStates = Effect.fn("EventLog.listStates")(
      function*(streamType: StreamType, afterStreamId: string | undefined, limit: number) {
        needsLimit(limit)
        return yield* readStates(`listing ${streamType} states`, () =>
          afterStreamId === undefined
            ? sql.listStates.all(streamType, limit)
            : sql.listStatesAfter.all(streamType, afterStreamId, limit))
      }
    )

    const dueStates = Effect.fn("EventLog.dueStates")(function*(streamType: StreamType, now: number, limit: number) {
      needsLimit(limit)
      return yield* readStates(`reading due ${streamType} states`, () => sql.dueStates.all(streamType, now, limit))
    })

    return {
      region,
      append,
      readStream,
      readAll,
      follow: (afterPosition: number) => followLog({ readAll, signal, pollInterval }, afterPosition),
      readState,
      listStates,
      dueStates
    }
  })

const statements = (db: DatabaseSync) => ({
  tip: db.prepare("SELECT seq, hash FROM events WHERE stream_id = ? ORDER BY seq DESC LIMIT 1"),
  eventId: db.prepare("SELECT 1 FROM events WHERE event_id = ?"),
  insertEvent: db.prepare(
    `INSERT INTO events (region, stream_id, seq, term, event_id, type, schema_version, at, principal, request_id,
       command_id, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  ),
  upsertState: db.prepare(
    `INSERT INTO key_state (stream_id, stream_type, seq, state, due_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (stream_id) DO UPDATE SET
       stream_type = excluded.stream_type, seq = excluded.seq, state = excluded.state, due_at = excluded.due_at`
  ),
  stream: db.prepare(`SELECT ${eventColumns} FROM events WHERE stream_id = ? AND seq >= ? ORDER BY seq`),
  // Stops before the first event after ?3, so a clock that stepped back cannot punch a hole in the prefix.
  streamUntil: db.prepare(
    `SELECT ${eventColumns} FROM events WHERE stream_id = ?1 AND seq >= ?2
       AND seq < IFNULL((SELECT MIN(seq) FROM events WHERE stream_id = ?1 AND seq >= ?2 AND at > ?3), 9223372036854775807)
     ORDER BY seq`
  ),
  all: db.prepare(`SELECT ${eventColumns} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
  state: db.prepare(`SELECT ${stateColumns} FROM key_state WHERE stream_id = ?`),
  listStates: db.prepare(`SELECT ${stateColumns} FROM key_state WHERE stream_type = ? ORDER BY stream_id LIMIT ?`),
  listStatesAfter: db.prepare(
    `SELECT ${stateColumns} FROM key_state WHERE stream_type = ? AND stream_id > ? ORDER BY stream_id LIMIT ?`
  ),
  dueStates: db.prepare(
    `SELECT ${stateColumns} FROM key_state WHERE stream_type = ? AND due_at <= ? ORDER BY due_at, stream_id LIMIT ?`
  )
})
