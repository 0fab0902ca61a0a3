import { wallClockSleep } from "@trent/kafka-client"
import { Effect, Layer, Option } from "effect"
import { RegionEventLogs } from "@trent/kafka-requests"
import { Regions } from "../Regions.ts"
import { keyStateLagSummary } from "./keyStateLagSummary.ts"
import { MetricsRegistry } from "./MetricsRegistry.ts"
import { registerRegionGauges } from "./regionGauges.ts"

/** A scrape does not wait longer than this for a Region's Kafka brokers: a Region whose brokers do not answer has no lag series. */
const BACKLOG_TIMEOUT_MS = 2_000

/**
 * Registers the running Regions' metrics, read at each scrape: the key-state
 * lag (freshness, as `/health` reports it), the audit writer queues and, on
 * Kafka, the replica's lag behind the events topic (the same high watermarks
 * readiness waits for).
 */
export const regionMetricsLayer = Layer.effectDiscard(Effect.gen(function*() {
  const { registry } = yield* MetricsRegistry
  const regions = yield* Regions
  const logs = yield* RegionEventLogs
  const context = yield* Effect.context<never>()
  const runPromise = Effect.runPromiseWith(context)

  registry.registerMetric(keyStateLagSummary(() => runPromise(regions.freshness)))
  registerRegionGauges(registry, {
    auditQueues: () =>
      runPromise(Effect.flatMap(regions.running, (running) =>
        Effect.forEach(running, ({ account, region, api }) =>
          Effect.map(api.audit.stats, (stats) => ({ account, region, value: stats.queued }))))),
    replicaBacklogs: () =>
      runPromise(Effect.flatMap(regions.running, (running) =>
        Effect.forEach(running, ({ account, region }) => {
          const backlog = logs.get(account, region)?.backlog
          if (backlog === undefined) return Effect.succeed(Option.none())
          return backlog.pipe(
            Effect.map((value) => ({ account, region, value })),
            Effect.option,
            (probe) => Effect.raceFirst(probe, Effect.as(wallClockSleep(BACKLOG_TIMEOUT_MS), Option.none()))
          )
        }, { concurrency: "unbounded" }))).then((readings) => readings.flatMap(Option.toArray))
  })
}))
