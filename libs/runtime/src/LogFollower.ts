import { EventLog } from "@trent/event-log"
import { Context, Deferred, Effect, Layer, Schedule, Stream } from "effect"
import { AliasDirectory } from "./AliasDirectory.ts"
import { KeyActors } from "./KeyActors.ts"
import { RegionInternalError } from "./RegionErrors.ts"

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
export class LogFollower extends Context.Service<LogFollower, {
  /** Completes once every event stored when it was called has reached this process's actors and aliases. */
  readonly caughtUp: Effect.Effect<void, RegionInternalError>
}>()("@trent/runtime/LogFollower") {
  static readonly layer = Layer.effect(LogFollower, Effect.gen(function*() {
    const eventLog = yield* EventLog
    const actors = yield* KeyActors
    const aliases = yield* AliasDirectory
    let position = aliases.since
    let advanced = Deferred.makeUnsafe<void>()

    const delivered = (next: number) =>
      Effect.sync(() => {
        position = next
        const fired = advanced
        advanced = Deferred.makeUnsafe<void>()
        Deferred.doneUnsafe(fired, Effect.void)
      })

    const follow = Effect.suspend(() =>
      eventLog.follow(position).pipe(
        Stream.runForEach((event) =>
          Effect.andThen(
            isAliasStream(event.streamId) ? aliases.applyFollowed(event) : actors.applyFollowed(event),
            delivered(event.position)
          ))
      )
    )
    yield* follow.pipe(
      Effect.tapError((failure) => Effect.logError(`following the log of Region ${eventLog.region} failed; retrying`, failure)),
      Effect.retry(Schedule.spaced("100 millis")),
      Effect.forkScoped
    )

    const caughtUp = Effect.gen(function*() {
      const target = yield* eventLog.head.pipe(
        Effect.mapError((cause) => new RegionInternalError({ message: "reading the end of the log failed", cause }))
      )
      while (position < target) yield* Deferred.await(advanced)
    })
    return LogFollower.of({ caughtUp })
  }))
}
