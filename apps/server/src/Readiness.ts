import type { FreshnessReport, RegionApi } from "@trent/runtime"
import { wallClockSleep } from "@trent/kafka-client"
import { Cause, Context, Effect, Layer } from "effect"
import { type RegionLogAccess, RegionEventLogs } from "@trent/kafka-requests"
import { Regions } from "./Regions.ts"

/** One Region's readiness as `/health` reports it: `reason` says what keeps it from serving. */
export interface RegionReadiness {
  readonly account: string
  readonly region: string
  readonly ready: boolean
  readonly reason?: string
}

export interface ReadinessBounds {
  /** The p99 lag of other writers' changes above which the Region is not ready (ms). */
  readonly maxLagMs: number
  /** How long the store gets to answer (ms). */
  readonly timeoutMs: number
}

/** What a probe of a Region's store found: it answered and the replica caught up, or why not. */
export type StoreProbe = { readonly ok: true } | { readonly ok: false; readonly reason: string }

/**
 * The rule, pure: a Region is ready when its store answered within the bound
 * (so it can take writes, and this process has applied what was stored) and
 * the changes other writers made recently took effect here within `maxLagMs`
 * (p99). The lag counts only while new changes arrive (`applied` grew since the
 * last look): a past spike, already caught up with, does not keep a quiet
 * Region unready. After Vault's `sys/health`: liveness always answers, readiness
 * carries its reason.
 */
export const judgeReadiness = (
  probe: StoreProbe,
  report: FreshnessReport,
  previousApplied: number | undefined,
  bounds: ReadinessBounds
): { readonly ready: boolean; readonly reason?: string } => {
  if (!probe.ok) return { ready: false, reason: probe.reason }
  const recent = previousApplied === undefined || report.applied > previousApplied
  if (recent && report.applied > 0 && report.lagMillis.p99 > bounds.maxLagMs) {
    return {
      ready: false,
      reason: `changes by other writers take ${report.lagMillis.p99} ms (p99) to apply here, above the ${bounds.maxLagMs} ms bound`
    }
  }
  return { ready: true }
}

const describe = (cause: Cause.Cause<unknown>): string => {
  const error = Cause.squash(cause)
  return error instanceof Error ? error.message : String(error)
}

/** Asks the store for its end (Kafka: the brokers' high watermarks) and waits until this process has applied it. */
const probeStore = (log: RegionLogAccess | undefined, api: RegionApi, timeoutMs: number): Effect.Effect<StoreProbe> => {
  const late: StoreProbe = { ok: false, reason: `the store did not answer, or this server did not catch up with it, within ${timeoutMs} ms` }
  return Effect.andThen(log?.catchUp ?? Effect.void, api.caughtUp).pipe(
    Effect.as<StoreProbe>({ ok: true }),
    Effect.catchCause((cause) => Effect.succeed<StoreProbe>({ ok: false, reason: `the store cannot take writes: ${describe(cause)}` })),
    // Real time, whatever Clock the server runs under (a TestClock standing still must not hold /health).
    (probe) => Effect.raceFirst(probe, Effect.as(wallClockSleep(timeoutMs), late))
  )
}

/** Every running Region's readiness, probed concurrently (each within the timeout). */
export class Readiness extends Context.Service<Readiness, {
  readonly check: Effect.Effect<ReadonlyArray<RegionReadiness>>
}>()("@trent/server/Readiness") {
  static layer(bounds: ReadinessBounds) {
    return Layer.effect(Readiness, Effect.gen(function*() {
      const regions = yield* Regions
      const logs = yield* RegionEventLogs
      const lastApplied = new Map<string, number>()
      const checkOne = ({ account, region, api }: { account: string; region: string; api: RegionApi }) =>
        Effect.gen(function*() {
          const probe = yield* probeStore(logs.get(account, region), api, bounds.timeoutMs)
          const report = yield* api.freshness
          const name = `${account}/${region}`
          const verdict = judgeReadiness(probe, report, lastApplied.get(name), bounds)
          lastApplied.set(name, report.applied)
          return { account, region, ...verdict }
        })
      return Readiness.of({
        check: Effect.flatMap(regions.running, (running) => Effect.forEach(running, checkOne, { concurrency: "unbounded" }))
      })
    }))
  }
}
