import { EventLog, type StoredEvent, streamTypeOf } from "@trent/event-log"
import { Context, Deferred, Effect, Layer, Schedule, Stream } from "effect"
import { AliasDirectory } from "./AliasDirectory.ts"
import { CustomKeyStores } from "./CustomKeyStores.ts"
import { KeyActors } from "@trent/key-actors"
import { RegionInternalError } from "@trent/key-actors"


/** A stream's event that another writer appended, named the way every store numbers it (positions are per store). */
export interface StreamMark {
  readonly streamId: string
  readonly seq: number
}

const readFailed = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })

/**
 * Follows the Region's log for as long as the Region runs and hands every
 * event to its owner in this process: key events to KeyActors, alias events
 * to the AliasDirectory, custom key store events to CustomKeyStores. Both ignore what they already hold (this process's
 * own appends), so what remains is what other writers appended — the changes
 * this process must enforce. A failed read is retried from the last event
 * delivered; nothing is skipped.
 */
export class LogFollower extends Context.Service<LogFollower, {
  /** Completes once every event stored when it was called has reached this process's actors and aliases. */
  readonly caughtUp: Effect.Effect<void, RegionInternalError>
  /**
   * Completes once this process has applied the stream's event `seq` (and so
   * every earlier one): what a process waits for when a sibling tells it of an
   * append it is about to acknowledge.
   */
  readonly applied: (mark: StreamMark) => Effect.Effect<void, RegionInternalError>
}>()("@trent/runtime/LogFollower") {
  static readonly layer = Layer.effect(LogFollower, Effect.gen(function*() {
    const eventLog = yield* EventLog
    const actors = yield* KeyActors
    const aliases = yield* AliasDirectory
    const stores = yield* CustomKeyStores
    // Alias streams are `alias/<name>` (AliasDirectory), custom key stores `cks-…`; every other stream is a key's.
    const owner = (event: StoredEvent) => {
      switch (streamTypeOf(event.streamId)) {
        case "alias":
          return aliases.applyFollowed(event)
        case "customKeyStore":
          return stores.applyFollowed(event)
        case "key":
          return actors.applyFollowed(event)
      }
    }
    let position = aliases.since
    let advanced = Deferred.makeUnsafe<void>()
    const waiting = new Map<string, Array<{ readonly seq: number; readonly done: Deferred.Deferred<void> }>>()

    const delivered = (event: StoredEvent) =>
      Effect.sync(() => {
        position = event.position
        const fired = advanced
        advanced = Deferred.makeUnsafe<void>()
        Deferred.doneUnsafe(fired, Effect.void)
        const marks = waiting.get(event.streamId)
        if (marks === undefined) return
        const remaining = marks.filter((mark) => mark.seq > event.seq)
        for (const mark of marks) if (mark.seq <= event.seq) Deferred.doneUnsafe(mark.done, Effect.void)
        if (remaining.length === 0) waiting.delete(event.streamId)
        else waiting.set(event.streamId, remaining)
      })

    const follow = Effect.suspend(() =>
      eventLog.follow(position).pipe(
        Stream.runForEach((event) =>
          Effect.andThen(owner(event), delivered(event))
        )
      )
    )
    yield* follow.pipe(
      Effect.tapError((failure) => Effect.logError(`following the log of Region ${eventLog.region} failed; retrying`, failure)),
      Effect.retry(Schedule.spaced("100 millis")),
      Effect.forkScoped
    )

    const caughtUp = Effect.gen(function*() {
      const target = yield* eventLog.head.pipe(Effect.mapError(readFailed("reading the end of the log failed")))
      while (position < target) yield* Deferred.await(advanced)
    })

    const forget = (streamId: string, done: Deferred.Deferred<void>) => {
      const remaining = (waiting.get(streamId) ?? []).filter((mark) => mark.done !== done)
      if (remaining.length === 0) waiting.delete(streamId)
      else waiting.set(streamId, remaining)
    }

    const applied = (mark: StreamMark) => {
      // Registered before looking, so a delivery while we look is not missed.
      const done = Deferred.makeUnsafe<void>()
      return Effect.gen(function*() {
        waiting.set(mark.streamId, [...(waiting.get(mark.streamId) ?? []), { seq: mark.seq, done }])
        const stored = yield* eventLog.readStream(mark.streamId, mark.seq).pipe(
          Effect.mapError(readFailed(`reading stream ${mark.streamId} failed`))
        )
        // Already in this store and behind the follower: it was applied before we asked.
        const event = stored[0]
        if (event !== undefined && event.position <= position) Deferred.doneUnsafe(done, Effect.void)
        yield* Deferred.await(done)
      }).pipe(Effect.ensuring(Effect.sync(() => forget(mark.streamId, done))))
    }

    return LogFollower.of({ caughtUp, applied })
  }))
}
