import { EventLogFailure } from "@trent/event-log"
import { Effect } from "effect"
import type { OffsetTracker } from "./OffsetTracker.ts"
import { wallClockSleep } from "@trent/kafka-client"

/**
 * Waits until the consumer has applied every partition up to `targets` (the high watermarks read
 * at start): a store is ready only once it holds everything written before it started. There is
 * no overall deadline — a cold start over a long log takes as long as it takes — but start-up
 * fails when nothing at all was applied for `stallMs` of real time.
 */
export const awaitBacklog = (options: {
  readonly tracker: OffsetTracker<unknown>
  readonly targets: ReadonlyArray<number>
  readonly topic: string
  readonly stallMs: number
}): Effect.Effect<void, EventLogFailure> =>
  Effect.gen(function*() {
    const { tracker, targets, topic, stallMs } = options
    const caughtUp = Effect.forEach(targets, (high, partition) => tracker.reached(partition, high), { discard: true })
    const total = targets.reduce((sum, high) => sum + high, 0)
    let seen = tracker.progress()
    for (;;) {
      const done = yield* Effect.raceFirst(Effect.as(caughtUp, true), Effect.as(wallClockSleep(stallMs), false))
      if (done) return
      const now = tracker.progress()
      if (now === seen) {
        return yield* new EventLogFailure({
          message: `catching up with ${topic}: no record was applied for ${stallMs / 1000} s (at ${now} of ${total} offsets); ` +
            "the Kafka brokers answer but serve no data"
        })
      }
      seen = now
    }
  })
