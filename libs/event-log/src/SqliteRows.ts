import { Schema } from "effect"
import { type EventRecord, toStoredEvent } from "./EventRecord.ts"
import type { ReplayedEvent, StoredEvent } from "./StoredEvent.ts"
import { streamTypes } from "./StreamState.ts"
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
  streamType: Schema.Literals(streamTypes),
  seq: Schema.Int,
  stateJson: Schema.String,
  dueAt: Schema.NullOr(Schema.Int)
})

export const eventColumns = `position, region, stream_id AS streamId, seq, term, event_id AS eventId, type,
  schema_version AS schemaVersion, at, principal, request_id AS requestId, command_id AS commandId,
  payload AS payloadJson, prev_hash AS prevHash, hash`

/** What `readReplay` selects: a fold's columns, in `decodeReplayArrayRow` order. */
export const replayColumns = "position, stream_id, seq, type, schema_version, payload"

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

const decodeStateRowStrictly: (row: unknown) => StateRecord = Schema.decodeUnknownSync(StateRow)

/**
 * A Region start lists every state row, so the common case is checked field by field (as
 * `decodeEventRow` does); anything else goes through the Schema for its precise failure.
 */
export const decodeStateRow = (row: unknown): StateRecord => {
  const { streamId, streamType, seq, stateJson, dueAt } = row as Record<string, unknown>
  return typeof streamId === "string" && streamTypes.includes(streamType as never) && Number.isSafeInteger(seq) &&
      typeof stateJson === "string" && (dueAt === null || Number.isSafeInteger(dueAt))
    ? { streamId, streamType: streamType as StateRecord["streamType"], seq: seq as number, stateJson, dueAt: dueAt as number | null }
    : decodeStateRowStrictly(row)
}

const eventColumnNames = [
  "position", "region", "streamId", "seq", "term", "eventId", "type", "schemaVersion", "at", "principal",
  "requestId", "commandId", "payloadJson", "prevHash", "hash"
] as const
const intColumns = new Set([0, 3, 4, 7, 8])

/**
 * An event row read as an array (the replay path: no per-row object from the
 * driver, one StoredEvent built here). Columns in `eventColumns` order; any
 * row of the wrong shape goes through the Schema for its precise failure.
 */
export const decodeEventArrayRow = (row: unknown): StoredEvent => {
  const values = row as ReadonlyArray<unknown>
  for (let i = 0; i < eventColumnNames.length; i++) {
    const value = values[i]
    if (intColumns.has(i) ? !Number.isSafeInteger(value) : typeof value !== "string") {
      return toStoredEvent(decodeEventRowStrictly(Object.fromEntries(eventColumnNames.map((name, j) => [name, values[j]]))))
    }
  }
  return {
    position: values[0] as number,
    region: values[1] as string,
    streamId: values[2] as string,
    seq: values[3] as number,
    term: values[4] as number,
    eventId: values[5] as string,
    type: values[6] as string,
    schemaVersion: values[7] as number,
    at: values[8] as number,
    principal: values[9] as string,
    requestId: values[10] as string,
    commandId: values[11] as string,
    payload: JSON.parse(values[12] as string),
    prevHash: values[13] as string,
    hash: values[14] as string
  }
}

const ReplayRow = Schema.Struct({
  position: Schema.Int,
  streamId: Schema.String,
  seq: Schema.Int,
  type: Schema.String,
  schemaVersion: Schema.Int,
  payloadJson: Schema.String
})
const decodeReplayRowStrictly = Schema.decodeUnknownSync(ReplayRow)
const replayColumnNames = ["position", "streamId", "seq", "type", "schemaVersion", "payloadJson"] as const

/**
 * A `replayColumns` row read as an array, checked as `decodeEventArrayRow` checks a full row: the
 * types column by column (a row of the wrong shape goes through the Schema for its precise
 * failure) and the payload parsed, so a payload that is no longer JSON fails the read.
 */
export const decodeReplayArrayRow = (row: unknown): ReplayedEvent => {
  const values = row as ReadonlyArray<unknown>
  const position = values[0], streamId = values[1], seq = values[2], type = values[3], schemaVersion = values[4], payloadJson = values[5]
  if (
    !Number.isSafeInteger(position) || typeof streamId !== "string" || !Number.isSafeInteger(seq) ||
    typeof type !== "string" || !Number.isSafeInteger(schemaVersion) || typeof payloadJson !== "string"
  ) {
    const { payloadJson: json, ...strict } = decodeReplayRowStrictly(Object.fromEntries(replayColumnNames.map((name, j) => [name, values[j]])))
    return { ...strict, payload: JSON.parse(json) }
  }
  return {
    position: position as number,
    streamId,
    seq: seq as number,
    type,
    schemaVersion: schemaVersion as number,
    payload: JSON.parse(payloadJson)
  }
}
