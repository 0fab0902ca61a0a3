import { Effect, type Scope } from "effect"
import { makeAppendSignal } from "./AppendSignal.ts"
import type { EventLogFailure } from "./EventLogFailure.ts"
import { checkEventLogSchema } from "./eventLogSchema.ts"
import { openSqlite, sqliteAttempt } from "./SqliteDatabase.ts"
import { type EventLogReads, makeSqliteEventReads } from "./SqliteEventReads.ts"
import { eventStatements } from "./SqliteEventStatements.ts"

export interface SqliteEventLogReaderOptions {
  /** An existing event log file, `<data-dir>/<region>/events.db`. */
  readonly file: string
  readonly region: string
}

// Appends come from the server's connection, never this one: followers poll.
const pollInterval = "200 millis"

/**
 * A Region's embedded log opened read-only, for offline tools (history replay,
 * log inspection). It never migrates or writes, so it is safe beside a running
 * server: under WAL it sees every committed append and never blocks the writer.
 * Fails with EventLogFailure when the file is missing, is not an event log at
 * this build's schema, or holds another Region's log.
 */
export const openSqliteEventLogReader = (
  options: SqliteEventLogReaderOptions
): Effect.Effect<EventLogReads, EventLogFailure, Scope.Scope> =>
  Effect.map(
    openSqlite({
      file: options.file,
      purpose: `event log of Region ${options.region}`,
      readOnly: true,
      prepare: (db) => checkEventLogSchema(db, options.region)
    }),
    (db) =>
      makeSqliteEventReads({
        region: options.region,
        sql: eventStatements(db),
        attempt: sqliteAttempt(options.file),
        signal: makeAppendSignal(),
        pollInterval
      })
  )
