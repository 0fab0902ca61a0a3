import type { AppendInput } from "../AppendInput.ts"
import type { PendingEvent } from "../StoredEvent.ts"

/**
 * Test data: the n-th pending event of a test, with a deterministic UUIDv7-shaped
 * id so that two adapters fed the same calls store the same events.
 */
export const samplePendingEvent = (n: number, fields: Partial<PendingEvent> = {}): PendingEvent => ({
  eventId: `01890000-0000-7000-8000-${n.toString(16).padStart(12, "0")}`,
  type: "KeyCreated",
  schemaVersion: 1,
  at: 1_700_000_000_000 + n,
  principal: "arn:aws:iam::111122223333:user/alice",
  requestId: `request-${n}`,
  commandId: `command-${n}`,
  payload: { n, description: `event ${n}` },
  ...fields
})

/** Test data: an append of `count` sample events numbered from `first`. */
export const sampleAppend = (
  streamId: string,
  expectedSeq: number,
  first: number,
  count = 1,
  fields: Partial<AppendInput> = {}
): AppendInput => ({
  streamId,
  streamType: streamId.startsWith("alias/") ? "alias" : "key",
  expectedSeq,
  events: Array.from({ length: count }, (_, i) => samplePendingEvent(first + i)),
  state: { lastEvent: first + count - 1 },
  dueAt: null,
  ...fields
})
