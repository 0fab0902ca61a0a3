import type { PreparedAppend } from "./AppendInput.ts"
import { eventHash, genesisHash } from "./eventHash.ts"
import type { SealedEvent } from "./EventRecord.ts"

/** The last event of a stream as the chain needs it; absent for a new stream. */
export interface StreamTip {
  readonly seq: number
  readonly hash: string
}

/**
 * Numbers a prepared append's events after the stream's tip and links each to
 * the previous one by hash. Pure: both adapters call it inside their critical
 * section with the tip they just read, so the chain is computed from what is
 * stored, never from what the caller believes.
 */
export const sealEvents = (
  region: string,
  term: number,
  append: PreparedAppend,
  tip: StreamTip | undefined
): Array<SealedEvent> => {
  let prevHash = tip?.hash ?? genesisHash
  let seq = tip?.seq ?? 0
  return append.events.map((event) => {
    seq += 1
    const fields = {
      region,
      streamId: append.streamId,
      seq,
      term,
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      at: event.at,
      principal: event.principal,
      requestId: event.requestId,
      commandId: event.commandId,
      payloadJson: event.payloadJson,
      prevHash
    }
    const hash = eventHash(fields)
    prevHash = hash
    return { ...fields, hash }
  })
}
