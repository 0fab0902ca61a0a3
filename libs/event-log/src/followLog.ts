import { Duration, Effect, Option, Stream } from "effect"
import type { AppendSignal } from "./AppendSignal.ts"
import type { EventLogFailure } from "./EventLogFailure.ts"
import type { StoredEvent } from "./StoredEvent.ts"

export interface FollowSource {
  readonly readAll: (afterPosition: number, limit: number) => Effect.Effect<ReadonlyArray<StoredEvent>, EventLogFailure>
  readonly signal: AppendSignal
  /** How often to look for appends made by other connections; undefined when there can be none. */
  readonly pollInterval: Duration.Input | undefined
  /**
   * The log's last position, read synchronously: an idle follower asks this
   * at each poll, a statement away, and runs a read only once it moved.
   */
  readonly headNow?: (() => number) | undefined
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

/** In real time, like realTimeSleep: completes once `headNow` passes `cursor`, looking every `interval`. */
const pollPast = (headNow: () => number, cursor: number, interval: Duration.Input) =>
  Effect.callback<void>((resume) => {
    const timer = setInterval(() => {
      if (headNow() <= cursor) return
      clearInterval(timer)
      resume(Effect.void)
    }, Duration.toMillis(Duration.fromInputUnsafe(interval)))
    return Effect.sync(() => clearInterval(timer))
  })

const waitForAppend = (source: FollowSource, cursor: number, appended: Effect.Effect<void>) => {
  if (source.pollInterval === undefined) return appended
  const poll = source.headNow === undefined ? realTimeSleep(source.pollInterval) : pollPast(source.headNow, cursor, source.pollInterval)
  return Effect.raceFirst(appended, poll)
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
      yield* waitForAppend(source, cursor, appended)
      return [page, Option.some(cursor)] as const
    }))
