import type { FreshnessReport } from "@trent/runtime"
import type { Metric } from "prom-client"

export type RegionFreshness = ReadonlyArray<{ readonly account: string; readonly region: string; readonly report: FreshnessReport }>

const NAME = "trent_key_state_lag_seconds"
const HELP = "Delay from another writer's change to its enforcement here (recent changes)."

/**
 * `trent_key_state_lag_seconds`: how long after another writer (worker,
 * server) decided a change this process enforced it, over the last changes
 * applied — the freshness contract of the README, measured where it holds.
 *
 * A summary whose quantiles the Region has already computed (FreshnessReport),
 * so prom-client's Summary, which computes its own from observations, does not
 * fit: this is a metric object of the shape prom-client's registry renders,
 * read at scrape time. Across workers the aggregate is the worst worker's
 * (`max`), for the count too.
 */
export const keyStateLagSummary = (read: () => Promise<RegionFreshness>): Metric => {
  const get = async () => ({
    name: NAME,
    help: HELP,
    type: "summary",
    aggregator: "max",
    values: (await read()).flatMap(({ account, region, report }) => [
      { metricName: NAME, labels: { account, region, quantile: 0.5 }, value: report.lagMillis.p50 / 1000 },
      { metricName: NAME, labels: { account, region, quantile: 0.99 }, value: report.lagMillis.p99 / 1000 },
      { metricName: NAME, labels: { account, region, quantile: 1 }, value: report.lagMillis.max / 1000 },
      { metricName: `${NAME}_count`, labels: { account, region }, value: report.applied }
    ])
  })
  // The registry needs only a metric's name, aggregator and get (prom-client's lib/registry.js and
  // lib/cluster.js); its typings admit only its own classes, whose `type` is a numeric enum there.
  return { name: NAME, help: HELP, aggregator: "max", get } as unknown as Metric
}
