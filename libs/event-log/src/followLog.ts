import { Duration, Effect, Option, Stream } from "effect"
import type { AppendSignal } from "./AppendSignal.ts"
import type { EventLogFailure } from "./EventLogFailure.ts"
import type { StoredEvent } from "./StoredEvent.ts"

export interface FollowSource {
  readonly readAll: (afterPosition: number, limit: number) => Effect.Effect<ReadonlyArray<StoredEvent>, EventLogFailure>
  readonly signal: AppendSignal
  /** How often to look for appends made by other connections; undefined when there can be none. */
  readonly pollInterval: Duration.Input | undefined
}

/**
 * Waits in real time, whatever Clock the caller runs on: polling another process's appends is
 * the store's own business, and on a TestClock a jump of days would run every poll of it in turn.
 */
const realTimeSleep = (duration: Duration.Input) =>
  Effect.callback<void>((resume) => {
    const timer = setTimeout(() => resume(Effect.void), Duration.toMillis(Duration.fromInputUnsafe(duration)))
    return Effect.sync(() => clearTimeout(timer))
  })

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
      yield* source.pollInterval === undefined ? appended : Effect.raceFirst(appended, realTimeSleep(source.pollInterval))
      return [page, Option.some(cursor)] as const
    }))
