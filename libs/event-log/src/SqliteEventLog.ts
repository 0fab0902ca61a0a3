import { Effect, type Scope } from "effect"
import { prepareAppend, type AppendInput, type PreparedAppend } from "./AppendInput.ts"
import { makeAppendSignal } from "./AppendSignal.ts"
import type { EventLog } from "./EventLog.ts"
import type { EventLogFailure } from "./EventLogFailure.ts"
import { toStoredEvent } from "./EventRecord.ts"
import { migrateEventLog } from "./eventLogSchema.ts"
import { eventsUniqueViolation } from "./eventsUniqueViolation.ts"
import { InvalidEventLogInput } from "./InvalidEventLogInput.ts"
import { SeqConflict } from "./SeqConflict.ts"
import { inImmediateTransaction, openSqlite, sqliteAttempt } from "./SqliteDatabase.ts"
import { makeSqliteEventReads } from "./SqliteEventReads.ts"
import { eventStatements, insertAppend, storedEventId, streamTip } from "./SqliteEventStatements.ts"
import type { StoredEvent } from "./StoredEvent.ts"

export interface SqliteEventLogOptions {
  readonly file: string
  readonly region: string
}

type AppendOutcome =
  | { readonly _tag: "Appended"; readonly events: ReadonlyArray<StoredEvent> }
  | { readonly _tag: "Conflict"; readonly actualSeq: number }
  | { readonly _tag: "EventIdReused"; readonly eventId: string }

// Other processes (workers, servers on one data directory) append to the same file; followers look
// for their events this often, so a change made elsewhere is enforced here within a few milliseconds
// (the freshness bound in the README). A look is one indexed read that finds nothing: microseconds.
const pollInterval = "5 millis"

// Embedded writers are never fenced.
const embeddedTerm = 0

/**
 * The embedded EventLog: one SQLite file per Region.
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
    const sql = eventStatements(db)
    const signal = makeAppendSignal()
    const attempt = sqliteAttempt(options.file)

    const write = (prepared: PreparedAppend): AppendOutcome => {
      try {
        return inImmediateTransaction(db, () => {
          const tip = streamTip(sql, prepared.streamId)
          const actualSeq = tip?.seq ?? 0
          if (actualSeq !== prepared.expectedSeq) return { _tag: "Conflict", actualSeq }
          return { _tag: "Appended", events: insertAppend(sql, region, embeddedTerm, prepared, tip).map(toStoredEvent) }
        })
      } catch (error) {
        switch (eventsUniqueViolation(error)) {
          case "stream-seq":
            return { _tag: "Conflict", actualSeq: streamTip(sql, prepared.streamId)?.seq ?? 0 }
          case "event-id": {
            const reused = storedEventId(sql, prepared.events.map((event) => event.eventId))
            return { _tag: "EventIdReused", eventId: reused ?? "(unknown)" }
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

    return { append, ...makeSqliteEventReads({ region, sql, attempt, signal, pollInterval }) }
  })
