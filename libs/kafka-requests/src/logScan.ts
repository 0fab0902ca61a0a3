import type { EventLog, EventLogFailure, StoredEvent } from "@trent/event-log"
import { Effect } from "effect"

/** A point in one Region's log: the position and id of its last event then (0 and null when empty). */
export interface LogPoint {
  readonly position: number
  readonly eventId: string | null
}

const PAGE = 1_000

/** Whether any event lies after `position`. */
const hasEventAfter = (log: EventLog["Service"], position: number) =>
  Effect.map(log.readAll(position, 1), (events) => events.length > 0)

/**
 * Where the log ends now, searched from `known` (a point it had reached):
 * gallop forward until no event lies beyond, then bisect — a few one-row
 * reads, however many events were appended since, and none of their payloads.
 */
export const logEnd = (log: EventLog["Service"], known: LogPoint): Effect.Effect<LogPoint, EventLogFailure> =>
  Effect.gen(function*() {
    let low = known.position
    if (!(yield* hasEventAfter(log, low))) return known
    let step = 1
    let high = low + step
    while (yield* hasEventAfter(log, high)) {
      low = high
      step *= 2
      high = low + step
    }
    // An event lies after `low`, none after `high`: the last one is in (low, high].
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2)
      if (yield* hasEventAfter(log, middle)) low = middle
      else high = middle
    }
    const [last] = yield* log.readAll(low, 1)
    return last === undefined ? known : { position: last.position, eventId: last.eventId }
  })

export interface EventsOfRequest {
  readonly events: ReadonlyArray<StoredEvent>
  /** True when the mark did not name an event of this log (another server's replica): the whole log was read. */
  readonly fullScan: boolean
}

/**
 * The events a request appended after `mark`: its requestId is the
 * correlation id (the runtime writes it into every event's envelope). A mark
 * from another copy of the log (a Kafka replica numbers positions its own
 * way) does not name the same event here, so the whole log is read instead.
 */
export const eventsOfRequest = (log: EventLog["Service"], mark: LogPoint, requestId: string): Effect.Effect<EventsOfRequest, EventLogFailure> =>
  Effect.gen(function*() {
    const named = mark.position === 0 ? [] : yield* log.readAll(mark.position - 1, 1)
    const valid = mark.position === 0 || (named[0]?.position === mark.position && named[0]?.eventId === mark.eventId)
    const found: Array<StoredEvent> = []
    let after = valid ? mark.position : 0
    for (;;) {
      const page = yield* log.readAll(after, PAGE)
      for (const event of page) if (event.requestId === requestId) found.push(event)
      if (page.length < PAGE) break
      after = page[page.length - 1]!.position
    }
    return { events: found, fullScan: !valid }
  })
