import { EventLog, type StoredEvent } from "@trent/event-log"
import { Context, Effect, Layer } from "effect"
import type { StreamMark } from "./LogFollower.ts"

/**
 * Who must hear of this process's appends before it acknowledges them: the
 * other workers of one `trent serve --workers N`, which share its endpoint, so
 * a client whose next request lands on another worker still reads its own
 * writes. Without a publisher in the context (one process), nobody.
 */
export const AppendPublisher = Context.Reference<{
  readonly published: (marks: ReadonlyArray<StreamMark>) => Effect.Effect<void>
}>("@trent/runtime/AppendPublisher", { defaultValue: () => ({ published: () => Effect.void }) })

/** The last event of each stream an append wrote. */
const marksOf = (events: ReadonlyArray<StoredEvent>): ReadonlyArray<StreamMark> => {
  const last = new Map<string, number>()
  for (const event of events) last.set(event.streamId, Math.max(last.get(event.streamId) ?? 0, event.seq))
  return [...last].map(([streamId, seq]) => ({ streamId, seq }))
}

/** The Region's EventLog whose every append returns only once the AppendPublisher has told its siblings. */
export const publishedAppends = Layer.effect(EventLog, Effect.gen(function*() {
  const eventLog = yield* EventLog
  const publisher = yield* AppendPublisher
  return EventLog.of({
    ...eventLog,
    append: (input) => Effect.tap(eventLog.append(input), (events) => publisher.published(marksOf(events)))
  })
}))
