import { Effect } from "effect"

/**
 * Sleeps `ms` of real time, whatever `Clock` the caller runs under: Kafka's deadlines are about
 * the network, and a TestClock standing still must not stop them from firing.
 */
export const wallClockSleep = (ms: number): Effect.Effect<void> =>
  Effect.callback<void>((resume) => {
    const timer = setTimeout(() => resume(Effect.void), ms)
    return Effect.sync(() => clearTimeout(timer))
  })

/** Fails with `onTimeout()` unless `self` completes within `ms` of real time (then interrupted). */
export const wallClockDeadline =
  <E2>(ms: number, onTimeout: () => E2) =>
  <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E | E2, R> =>
    Effect.raceFirst(self, Effect.andThen(wallClockSleep(ms), Effect.fail(onTimeout())))
