import { Schema } from "effect"
import type { EventRecord } from "./EventRecord.ts"
import type { StateRecord } from "./StateRecord.ts"

/**
 * The shapes of `events` and `key_state` rows as the adapter selects them
 * (columns aliased to field names). Rows are decoded, not cast: a file edited
 * by hand into the wrong types fails the read as EventLogFailure instead of
 * leaking malformed events into a fold.
 */
const EventRow = Schema.Struct({
  position: Schema.Int,
  region: Schema.String,
  streamId: Schema.String,
  seq: Schema.Int,
  term: Schema.Int,
  eventId: Schema.String,
  type: Schema.String,
  schemaVersion: Schema.Int,
  at: Schema.Int,
  principal: Schema.String,
  requestId: Schema.String,
  commandId: Schema.String,
  payloadJson: Schema.String,
  prevHash: Schema.String,
  hash: Schema.String
})

const StateRow = Schema.Struct({
  streamId: Schema.String,
  streamType: Schema.Literals(["key", "alias"]),
  seq: Schema.Int,
  stateJson: Schema.String,
  dueAt: Schema.NullOr(Schema.Int)
})

export const eventColumns = `position, region, stream_id AS streamId, seq, term, event_id AS eventId, type,
  schema_version AS schemaVersion, at, principal, request_id AS requestId, command_id AS commandId,
  payload AS payloadJson, prev_hash AS prevHash, hash`

export const stateColumns = "stream_id AS streamId, stream_type AS streamType, seq, state AS stateJson, due_at AS dueAt"

const decodeEventRowStrictly = Schema.decodeUnknownSync(EventRow)
const stringFields = ["region", "streamId", "eventId", "type", "principal", "requestId", "commandId", "payloadJson", "prevHash", "hash"] as const
const intFields = ["position", "seq", "term", "schemaVersion", "at"] as const

/**
 * Replay reads every row, so the common case is checked field by field
 * (the tables are STRICT, so a well-formed file always passes); anything else
 * goes through the Schema for its precise failure.
 */
export const decodeEventRow = (row: unknown): EventRecord => {
  const fields = row as Record<string, unknown>
  for (const name of stringFields) if (typeof fields[name] !== "string") return decodeEventRowStrictly(row)
  for (const name of intFields) if (!Number.isSafeInteger(fields[name])) return decodeEventRowStrictly(row)
  return fields as unknown as EventRecord
}

export const decodeStateRow: (row: unknown) => StateRecord = Schema.decodeUnknownSync(StateRow)
