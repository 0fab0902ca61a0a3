import type { EventHashInput } from "./eventHash.ts"
import type { ReplayedEvent, StoredEvent } from "./StoredEvent.ts"

/**
 * An event as both adapters hold it: the hashed fields with the payload as
 * canonical JSON text, plus the position and hash. Decoding through
 * `toStoredEvent` alone is what makes the SQLite and memory adapters hand out
 * identical StoredEvents.
 */
export interface EventRecord extends EventHashInput {
  readonly position: number
  readonly hash: string
}

/** An event sealed into its stream's chain, before the store gives it a position. */
export type SealedEvent = Omit<EventRecord, "position">

export const toStoredEvent = (record: EventRecord): StoredEvent => ({
  position: record.position,
  region: record.region,
  streamId: record.streamId,
  seq: record.seq,
  term: record.term,
  eventId: record.eventId,
  type: record.type,
  schemaVersion: record.schemaVersion,
  at: record.at,
  principal: record.principal,
  requestId: record.requestId,
  commandId: record.commandId,
  payload: JSON.parse(record.payloadJson),
  prevHash: record.prevHash,
  hash: record.hash
})

export const toReplayedEvent = (record: EventRecord): ReplayedEvent => ({
  position: record.position,
  streamId: record.streamId,
  seq: record.seq,
  type: record.type,
  schemaVersion: record.schemaVersion,
  payload: JSON.parse(record.payloadJson)
})
