import type { DatabaseSync, StatementSync } from "node:sqlite"
import type { PreparedAppend } from "./AppendInput.ts"
import type { EventRecord } from "./EventRecord.ts"
import { sealEvents, type StreamTip } from "./sealEvents.ts"
import { eventColumns, replayColumns, stateColumns } from "./SqliteRows.ts"

/**
 * The prepared statements over the `events` and `key_state` tables, shared by
 * the embedded log and the replica of a Kafka log (which hold the same tables).
 */
/** Event reads return rows as arrays (decoded by `decodeEventArrayRow`): replay reads every row of the log. */
const asArrays = (statement: StatementSync): StatementSync => {
  statement.setReturnArrays(true)
  return statement
}

export const eventStatements = (db: DatabaseSync) => ({
  tip: db.prepare("SELECT seq, hash FROM events WHERE stream_id = ? ORDER BY seq DESC LIMIT 1"),
  eventId: db.prepare("SELECT 1 FROM events WHERE event_id = ?"),
  insertEvent: db.prepare(
    `INSERT INTO events (region, stream_id, seq, term, event_id, type, schema_version, at, principal, request_id,
       command_id, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  ),
  // A stream's type never changes (prepareAppend ties it to the streamId), so an update leaves stream_type
  // as it is and SQLite need not rewrite the key_state_list entry: an UPDATE maintains only the indexes
  // on the columns it sets (https://sqlite.org/lang_upsert.html, https://sqlite.org/lang_update.html).
  upsertState: db.prepare(
    `INSERT INTO key_state (stream_id, stream_type, seq, state, due_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (stream_id) DO UPDATE SET
       seq = excluded.seq, state = excluded.state, due_at = excluded.due_at`
  ),
  // The common append leaves the stream's due date as it was: then only the row changes, and no index.
  updateStateKeepingDue: db.prepare("UPDATE key_state SET seq = ?, state = ? WHERE stream_id = ? AND due_at IS ?"),
  stream: asArrays(db.prepare(`SELECT ${eventColumns} FROM events WHERE stream_id = ? AND seq >= ? ORDER BY seq`)),
  // Stops before the first event after ?3, so a clock that stepped back cannot punch a hole in the prefix.
  streamUntil: asArrays(db.prepare(
    `SELECT ${eventColumns} FROM events WHERE stream_id = ?1 AND seq >= ?2
       AND seq < IFNULL((SELECT MIN(seq) FROM events WHERE stream_id = ?1 AND seq >= ?2 AND at > ?3), 9223372036854775807)
     ORDER BY seq`
  )),
  replay: asArrays(db.prepare(`SELECT ${replayColumns} FROM events WHERE position > ? ORDER BY position LIMIT ?`)),
  head: db.prepare("SELECT IFNULL(MAX(position), 0) AS head FROM events"),
  all: asArrays(db.prepare(`SELECT ${eventColumns} FROM events WHERE position > ? ORDER BY position LIMIT ?`)),
  state: db.prepare(`SELECT ${stateColumns} FROM key_state WHERE stream_id = ?`),
  listStates: db.prepare(`SELECT ${stateColumns} FROM key_state WHERE stream_type = ? ORDER BY stream_id LIMIT ?`),
  listStatesAfter: db.prepare(
    `SELECT ${stateColumns} FROM key_state WHERE stream_type = ? AND stream_id > ? ORDER BY stream_id LIMIT ?`
  ),
  dueStates: db.prepare(
    `SELECT ${stateColumns} FROM key_state WHERE stream_type = ? AND due_at <= ? ORDER BY due_at, stream_id LIMIT ?`
  )
})

export type EventStatements = ReturnType<typeof eventStatements>

export const streamTip = (sql: EventStatements, streamId: string): StreamTip | undefined =>
  sql.tip.get(streamId) as StreamTip | undefined

/** The first of `eventIds` already stored, if any. */
export const storedEventId = (sql: EventStatements, eventIds: ReadonlyArray<string>): string | undefined =>
  eventIds.find((eventId) => sql.eventId.get(eventId) !== undefined)

/**
 * Seals a checked append onto the stream's `tip` under `term`, inserts its
 * events and replaces the stream's state row. The caller holds the write
 * transaction and has checked that `tip` ends at the append's expectedSeq.
 * Returns the stored records (`toStoredEvent` makes them StoredEvents).
 */
export const insertAppend = (
  sql: EventStatements,
  region: string,
  term: number,
  prepared: PreparedAppend,
  tip: StreamTip | undefined
): ReadonlyArray<EventRecord> => {
  const records = sealEvents(region, term, prepared, tip).map((event): EventRecord => {
    const { lastInsertRowid } = sql.insertEvent.run(
      event.region, event.streamId, event.seq, event.term, event.eventId, event.type, event.schemaVersion,
      event.at, event.principal, event.requestId, event.commandId, event.payloadJson, event.prevHash, event.hash
    )
    return { ...event, position: Number(lastInsertRowid) }
  })
  const { state } = prepared
  if (sql.updateStateKeepingDue.run(state.seq, state.stateJson, state.streamId, state.dueAt).changes === 0) {
    sql.upsertState.run(state.streamId, state.streamType, state.seq, state.stateJson, state.dueAt)
  }
  return records
}
