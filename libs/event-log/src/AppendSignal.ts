import { Deferred, Effect } from "effect"

/**
 * In-process wake-up for followers: every append through an EventLog instance
 * calls `notify`. A follower takes `next()` *before* reading, so an append that
 * lands between its read and its wait still wakes it.
 */
export interface AppendSignal {
  /** Completes at the first `notify` after this call. */
  readonly next: () => Effect.Effect<void>
  readonly notify: () => void
}

export const makeAppendSignal = (): AppendSignal => {
  let current = Deferred.makeUnsafe<void>()
  return {
    next: () => Deferred.await(current),
    notify: () => {
      const fired = current
      current = Deferred.makeUnsafe<void>()
      Deferred.doneUnsafe(fired, Effect.void)
    }
  }
}
