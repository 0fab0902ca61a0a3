import type { StoredEvent } from "@trent/event-log"
import { Clock, Context, Effect, Layer } from "effect"

/** How far behind the log this process's view of the Region's keys and aliases is. */
export interface FreshnessReport {
  /** Events of other writers (workers, servers) folded in since start. */
  readonly applied: number
  /**
   * Over the last `window` of them: how long after it was decided (its `at`)
   * each took effect here, in milliseconds. Decided is before acknowledged, so
   * this bounds the time from acknowledgement to enforcement from above.
   */
  readonly lagMillis: { readonly p50: number; readonly p99: number; readonly max: number; readonly window: number }
}

const WINDOW = 4096
const OWN_BOUND = 100_000

const quantile = (sorted: ReadonlyArray<number>, q: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!

/**
 * Measures the freshness contract (README, "Several servers and workers"):
 * KeyActors marks the events this process appends as its own; every other
 * event the follower delivers is another writer's, and its lag is recorded.
 */
export class Freshness extends Context.Service<Freshness, {
  /** This process is about to append these events. */
  own(eventIds: ReadonlyArray<string>): void
  /** The follower delivered `event`: true when another writer appended it (its lag is recorded). */
  followed(event: StoredEvent): boolean
  readonly report: Effect.Effect<FreshnessReport>
}>()("@trent/key-actors/Freshness") {
  static readonly layer = Layer.effect(Freshness, Effect.gen(function*() {
    const clock = yield* Clock.Clock
    const ownIds = new Set<string>()
    const lags = new Float64Array(WINDOW)
    let applied = 0

    return Freshness.of({
      own: (eventIds) => {
        // Own events leave the set when followed; the bound only matters if the follower stopped.
        if (ownIds.size > OWN_BOUND) ownIds.clear()
        for (const id of eventIds) ownIds.add(id)
      },
      followed: (event) => {
        if (ownIds.delete(event.eventId)) return false
        lags[applied % WINDOW] = Math.max(0, clock.currentTimeMillisUnsafe() - event.at)
        applied++
        return true
      },
      report: Effect.sync(() => {
        const window = Math.min(applied, WINDOW)
        const sorted = Array.from(lags.subarray(0, window)).sort((a, b) => a - b)
        return {
          applied,
          lagMillis: { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted.at(-1) ?? 0, window }
        }
      })
    })
  }))
}
