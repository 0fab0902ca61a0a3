import type { FreshnessReport } from "@trent/runtime"

/** Prometheus label values: backslash, double quote and newline escaped (text exposition format). */
const label = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, "\\\"").replace(/\n/g, "\\n")

/**
 * `trent_key_state_lag_seconds`: how long after another writer (worker,
 * server) decided a change this process enforced it, over the last changes
 * applied — the freshness contract of the README, measured where it holds.
 */
export const renderFreshness = (
  regions: ReadonlyArray<{ readonly account: string; readonly region: string; readonly report: FreshnessReport }>
): string => {
  const lines = [
    "# HELP trent_key_state_lag_seconds Delay from another writer's change to its enforcement here (recent changes).",
    "# TYPE trent_key_state_lag_seconds summary"
  ]
  for (const { account, region, report } of regions) {
    const labels = `account="${label(account)}",region="${label(region)}"`
    lines.push(
      `trent_key_state_lag_seconds{${labels},quantile="0.5"} ${report.lagMillis.p50 / 1000}`,
      `trent_key_state_lag_seconds{${labels},quantile="0.99"} ${report.lagMillis.p99 / 1000}`,
      `trent_key_state_lag_seconds{${labels},quantile="1"} ${report.lagMillis.max / 1000}`,
      `trent_key_state_lag_seconds_count{${labels}} ${report.applied}`
    )
  }
  return `${lines.join("\n")}\n`
}
