import { canonicalJson } from "./canonicalJson.ts"
import { InvalidEventLogInput, needs } from "./InvalidEventLogInput.ts"
import type { StateRecord } from "./StateRecord.ts"
import type { PendingEvent } from "./StoredEvent.ts"
import { streamTypeOf, streamTypes, type StreamType } from "./StreamState.ts"

/** What `EventLog.append` takes: events for one stream and the state they fold to. */
export interface AppendInput {
  readonly streamId: string
  readonly streamType: StreamType
  /** The stream's current last seq; 0 for a new stream. */
  readonly expectedSeq: number
  /** At least one. */
  readonly events: ReadonlyArray<PendingEvent>
  /** A JSON value: the stream's state after these events. */
  readonly state: unknown
  /** Epoch ms of the next scheduled action, or null. */
  readonly dueAt: number | null
}

/** An append that passed every precondition, with payloads and state as canonical JSON. */
export interface PreparedAppend {
  readonly streamId: string
  readonly streamType: StreamType
  readonly expectedSeq: number
  readonly events: ReadonlyArray<PreparedEvent>
  readonly state: StateRecord
}

export interface PreparedEvent extends Omit<PendingEvent, "payload"> {
  readonly payloadJson: string
}

const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0

/** `where` is the index of the event whose payload it is, or "state"; its name is built only for an error. */
const json = (value: unknown, where: number | "state"): string => {
  try {
    return canonicalJson(value)
  } catch (error) {
    throw new InvalidEventLogInput({ message: `${where === "state" ? "state" : `events[${where}].payload`} must be a JSON value: ${(error as Error).message}` })
  }
}

/** Every precondition of `checkEvent` at once, without building its messages: replay prepares every event. */
const isWellFormed = (event: PendingEvent): boolean =>
  typeof event.eventId === "string" && event.eventId.length > 0 && typeof event.type === "string" && event.type.length > 0 &&
  Number.isSafeInteger(event.schemaVersion) && event.schemaVersion >= 1 && isCount(event.at) &&
  typeof event.principal === "string" && typeof event.requestId === "string" && typeof event.commandId === "string"

const checkEvent = (event: PendingEvent, index: number): void => {
  const at = `events[${index}]`
  needs(typeof event.eventId === "string" && event.eventId.length > 0, `${at}.eventId must be a non-empty string`)
  needs(typeof event.type === "string" && event.type.length > 0, `${at}.type must be a non-empty string`)
  needs(Number.isSafeInteger(event.schemaVersion) && event.schemaVersion >= 1, `${at}.schemaVersion must be an integer >= 1`)
  needs(isCount(event.at), `${at}.at must be epoch milliseconds (a non-negative integer)`)
  needs(typeof event.principal === "string", `${at}.principal must be a string`)
  needs(typeof event.requestId === "string", `${at}.requestId must be a string`)
  needs(typeof event.commandId === "string", `${at}.commandId must be a string`)
}

const prepareEvent = (event: PendingEvent, index: number): PreparedEvent => {
  if (!isWellFormed(event)) checkEvent(event, index)
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    at: event.at,
    principal: event.principal,
    requestId: event.requestId,
    commandId: event.commandId,
    payloadJson: json(event.payload, index)
  }
}

/**
 * Checks every precondition of an append and encodes its JSON once, before any
 * storage is touched. Throws InvalidEventLogInput naming the first violation.
 * Shared by both adapters so that they accept and reject exactly the same input.
 */
export const prepareAppend = (input: AppendInput): PreparedAppend => {
  const { streamId, streamType, expectedSeq, events, dueAt } = input
  const wellFormed = typeof streamId === "string" && streamId.length > 0 && streamTypes.includes(streamType) &&
    streamTypeOf(streamId) === streamType && isCount(expectedSeq) && Array.isArray(events) && events.length > 0 &&
    (dueAt === null || isCount(dueAt))
  if (!wellFormed) checkAppend(input)
  const prepared = events.map(prepareEvent)
  const ids = new Set(prepared.map((event) => event.eventId))
  needs(ids.size === prepared.length, "events of one append must have distinct eventIds")
  return {
    streamId,
    streamType,
    expectedSeq,
    events: prepared,
    state: { streamId, streamType, seq: expectedSeq + prepared.length, stateJson: json(input.state, "state"), dueAt }
  }
}

/** The preconditions of `prepareAppend` on everything but the events, one by one, for the first one's message. */
const checkAppend = (input: AppendInput): void => {
  const { streamId, streamType, expectedSeq, events, dueAt } = input
  needs(typeof streamId === "string" && streamId.length > 0, "streamId must be a non-empty string")
  needs(streamTypes.includes(streamType), `streamType must be one of ${streamTypes.join(", ")}, got ${String(streamType)}`)
  needs(
    streamTypeOf(streamId) === streamType,
    `streamId ${streamId} does not fit streamType ${streamType}: alias streams, and only they, are named "alias/<name>"; custom key store streams, and only they, "cks-<hex>"`
  )
  needs(isCount(expectedSeq), `expectedSeq must be a non-negative integer (0 for a new stream), got ${expectedSeq}`)
  needs(Array.isArray(events) && events.length > 0, "append needs at least one event")
  needs(dueAt === null || isCount(dueAt), `dueAt must be null or epoch milliseconds, got ${dueAt}`)
}
