import { Clock, Duration, Effect, Option, Stream } from "effect"
import type { AppendSignal } from "./AppendSignal.ts"
import type { EventLogFailure } from "./EventLogFailure.ts"
import type { StoredEvent } from "./StoredEvent.ts"

export interface FollowSource {
  readonly readAll: (afterPosition: number, limit: number) => Effect.Effect<ReadonlyArray<StoredEvent>, EventLogFailure>
  readonly signal: AppendSignal
  /** How often to look for appends made by other connections; undefined when there can be none. */
  readonly pollInterval: Duration.Input | undefined
  /**
   * The clock the polls sleep on: the store's own (the one it was opened with), never a test's
   * TestClock, which would run every poll of a jump of days one after another.
   */
  readonly clock?: Clock.Clock | undefined
}

const pageSize = 1_000

/**
 * Every event after `afterPosition`, then each new one as it is appended: reads
 * pages until caught up, then waits for an in-process append signal (or, for a
 * store shared with other processes, the poll interval) and reads again. Never
 * ends on its own; interrupt it or `Stream.take` from it.
 */
export const followLog = (source: FollowSource, afterPosition: number): Stream.Stream<StoredEvent, EventLogFailure> =>
  Stream.paginate(afterPosition, (cursor: number) =>
    Effect.gen(function*() {
      const appended = source.signal.next()
      const page = yield* source.readAll(cursor, pageSize)
      const last = page.at(-1)
      if (last !== undefined) return [page, Option.some(last.position)] as const
      if (source.pollInterval === undefined) yield* appended
      else {
        const poll = Effect.sleep(source.pollInterval)
        yield* Effect.raceFirst(appended, source.clock === undefined ? poll : Effect.provideService(poll, Clock.Clock, source.clock))
      }
      return [page, Option.some(cursor)] as const
    }))
