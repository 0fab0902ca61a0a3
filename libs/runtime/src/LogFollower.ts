import { EventLog } from "@trent/event-log"
import { Effect, Schedule, Stream } from "effect"
import { AliasDirectory } from "./AliasDirectory.ts"
import { KeyActors } from "./KeyActors.ts"

/** Alias streams are `alias/<name>` (AliasDirectory); every other stream is a key's. */
const isAliasStream = (streamId: string) => streamId.startsWith("alias/")

/**
 * Follows the Region's log for as long as the Region runs and hands every
 * event to its owner in this process: key events to KeyActors, alias events
 * to the AliasDirectory. Both ignore what they already hold (this process's
 * own appends), so what remains is what other writers appended — the changes
 * this process must enforce. A failed read is retried from the last event
 * delivered; nothing is skipped.
 */
export const followRegionLog = Effect.gen(function*() {
  const eventLog = yield* EventLog
  const actors = yield* KeyActors
  const aliases = yield* AliasDirectory
  let position = aliases.since
  const follow = Effect.suspend(() =>
    eventLog.follow(position).pipe(
      Stream.runForEach((event) =>
        Effect.andThen(
          isAliasStream(event.streamId) ? aliases.applyFollowed(event) : actors.applyFollowed(event),
          Effect.sync(() => void (position = event.position))
        ))
    )
  )
  yield* follow.pipe(
    Effect.tapError((failure) => Effect.logError(`following the log of Region ${eventLog.region} failed; retrying`, failure)),
    Effect.retry(Schedule.spaced("100 millis")),
    Effect.forkScoped
  )
})
