import type { StoredEvent } from "@trent/event-log"
import { formatInstant } from "../output/formatInstant.ts"

/** One line of a key's timeline: the envelope fields the log stores for each event, never its payload. */
export interface TimelineEntry {
  readonly seq: number
  readonly at: string
  readonly type: string
  readonly principal: string
  readonly requestId: string
}

export const timelineEntry = (event: StoredEvent): TimelineEntry => ({
  seq: event.seq,
  at: formatInstant(event.at),
  type: event.type,
  principal: event.principal,
  requestId: event.requestId
})
