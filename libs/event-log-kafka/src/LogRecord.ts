import { type AppendInput, type PreparedAppend, prepareAppend, streamTypes } from "@trent/event-log"
import { Predicate, Schema } from "effect"

/**
 * The records of a Region's events topic, one JSON object per Kafka message.
 *
 * - `claim`: a writer takes a partition. Accepted by every replica when its term is above the
 *   partition's current term; from then on only that writer's appends count.
 * - `append`: what one `EventLog.append` call asked for, whole, in ONE message — so a multi-event
 *   append is atomic on Kafka as it is in SQLite. It carries the input, not sealed events: each
 *   replica numbers and hashes the events itself, deterministically, with the record's term.
 *
 * `v` is the format version. A released format is never edited; a replica that meets a newer one
 * stops rather than guess (see ReplicaApplier.ts).
 */
export const formatVersion = 1

const ClaimRecord = Schema.Struct({
  kind: Schema.Literal("claim"),
  v: Schema.Literal(formatVersion),
  term: Schema.Int,
  writerId: Schema.String
})

const PendingEventFields = Schema.Struct({
  eventId: Schema.String,
  type: Schema.String,
  schemaVersion: Schema.Int,
  at: Schema.Int,
  principal: Schema.String,
  requestId: Schema.String,
  commandId: Schema.String,
  payload: Schema.Unknown
})

/** Exported for the test that holds the hand-written check (decodeAppend) to it. */
export const AppendRecord = Schema.Struct({
  kind: Schema.Literal("append"),
  v: Schema.Literal(formatVersion),
  term: Schema.Int,
  writerId: Schema.String,
  streamId: Schema.String,
  streamType: Schema.Literals(streamTypes),
  expectedSeq: Schema.Int,
  events: Schema.Array(PendingEventFields),
  state: Schema.Unknown,
  dueAt: Schema.NullOr(Schema.Int)
})

const decodeClaim = Schema.decodeUnknownSync(ClaimRecord)
const decodeAppendStrictly = Schema.decodeUnknownSync(AppendRecord)

const isInt = (value: unknown): value is number => Number.isSafeInteger(value)
const isString = (value: unknown): value is string => typeof value === "string"
const has = (record: Record<string, unknown>, name: string) => Object.hasOwn(record, name)

/**
 * `AppendRecord` checked by hand, narrower than the Schema (safe integers; every key present):
 * a cold start decodes every record of the topic. What this does not accept goes to the Schema,
 * which decodes it or says why not; what it accepts, the Schema decodes to the same fields.
 */
const decodeAppend = (json: Record<string, unknown>): typeof AppendRecord.Type => {
  const { term, writerId, streamId, streamType, expectedSeq, events, dueAt } = json
  if (
    json["kind"] === "append" && json["v"] === formatVersion && isInt(term) && isString(writerId) && isString(streamId) &&
    streamTypes.includes(streamType as never) && isInt(expectedSeq) && Array.isArray(events) && has(json, "state") &&
    (dueAt === null || isInt(dueAt))
  ) {
    const checked: Array<typeof PendingEventFields.Type> = []
    for (const event of events as ReadonlyArray<unknown>) {
      if (!Predicate.isObject(event) || Array.isArray(event)) return decodeAppendStrictly(json)
      const e = event as Record<string, unknown>
      const { eventId, type, schemaVersion, at, principal, requestId, commandId } = e
      if (
        !isString(eventId) || !isString(type) || !isInt(schemaVersion) || !isInt(at) || !isString(principal) ||
        !isString(requestId) || !isString(commandId) || !has(e, "payload")
      ) return decodeAppendStrictly(json)
      checked.push({ eventId, type, schemaVersion, at, principal, requestId, commandId, payload: e["payload"] })
    }
    return {
      kind: "append",
      v: formatVersion,
      term,
      writerId,
      streamId,
      streamType: streamType as typeof AppendRecord.Type["streamType"],
      expectedSeq,
      events: checked,
      state: json["state"],
      dueAt: dueAt as number | null
    }
  }
  return decodeAppendStrictly(json)
}

export type LogRecord =
  | { readonly _tag: "Claim"; readonly term: number; readonly writerId: string }
  | { readonly _tag: "Append"; readonly term: number; readonly writerId: string; readonly append: PreparedAppend }
  /** Not a record of any format: every replica drops it alike. */
  | { readonly _tag: "Malformed"; readonly reason: string }
  /** A format this build does not know: applying around it could diverge from newer replicas. */
  | { readonly _tag: "NewerFormat"; readonly v: number }

export const encodeClaim = (term: number, writerId: string): string =>
  JSON.stringify({ kind: "claim", v: formatVersion, term, writerId })

/**
 * The append record of `input`, which `prepareAppend` has accepted: its payloads and state are
 * plain JSON values, so JSON.stringify writes them faithfully and the replica's own
 * `prepareAppend` gets back the same canonical text, hence the same hashes.
 */
export const encodeAppend = (term: number, writerId: string, input: AppendInput): string =>
  JSON.stringify({
    kind: "append",
    v: formatVersion,
    term,
    writerId,
    streamId: input.streamId,
    streamType: input.streamType,
    expectedSeq: input.expectedSeq,
    events: input.events.map((event) => ({
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      at: event.at,
      principal: event.principal,
      requestId: event.requestId,
      commandId: event.commandId,
      payload: event.payload
    })),
    state: input.state,
    dueAt: input.dueAt
  })

/**
 * What identifies a record among its writer's own: a claim by its term, an append by its first
 * eventId (unique per append, and the same for a retried copy of the same input). A writer checks
 * that the record applied at the offset it was given is the one it wrote: kafkajs rolls an
 * idempotent producer's sequence number back when a send fails, so after a send that timed out
 * but landed, the broker can take the next send for a duplicate of it and acknowledge the OLD
 * record's offset.
 */
export const claimFingerprint = (term: number): string => `claim/${term}`

export const appendFingerprint = (append: PreparedAppend): string => `append/${append.events[0]?.eventId ?? ""}`

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** Decodes one message value. Never throws: what is not a valid record says why. */
export const decodeLogRecord = (value: Buffer | null): LogRecord => {
  if (value === null) return { _tag: "Malformed", reason: "no value (a tombstone)" }
  let json: unknown
  try {
    json = JSON.parse(value.toString("utf8"))
  } catch (error) {
    return { _tag: "Malformed", reason: `not JSON: ${reasonOf(error)}` }
  }
  if (!Predicate.isObject(json)) return { _tag: "Malformed", reason: "not a JSON object" }
  const v = json["v"]
  if (Predicate.isNumber(v) && Number.isSafeInteger(v) && v > formatVersion) return { _tag: "NewerFormat", v }
  try {
    switch (json["kind"]) {
      case "claim": {
        const { term, writerId } = decodeClaim(json)
        return { _tag: "Claim", term, writerId }
      }
      case "append": {
        const { kind: _kind, v: _v, term, writerId, ...input } = decodeAppend(json)
        // The same preconditions as EventLog.append: a record no writer could have made is dropped.
        return { _tag: "Append", term, writerId, append: prepareAppend(input) }
      }
      default:
        return { _tag: "Malformed", reason: `unknown kind ${JSON.stringify(json["kind"])}` }
    }
  } catch (error) {
    return { _tag: "Malformed", reason: reasonOf(error) }
  }
}
