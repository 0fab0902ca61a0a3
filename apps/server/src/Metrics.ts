/**
 * Prometheus metrics for `GET /metrics`: requests by operation and outcome,
 * and a latency histogram per operation. Kept in plain counters — the hot path
 * pays two map lookups per request.
 */
import { Context } from "effect"

/**
 * Other parts of the server whose counters `GET /metrics` serves after the
 * edge's own (the Kafka request worker's): each registers how to render them.
 */
export class MetricsSources extends Context.Service<MetricsSources, {
  readonly renderers: Array<() => string>
}>()("@trent/server/MetricsSources") {}

const BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] as const

interface Histogram {
  readonly counts: Array<number>
  sum: number
  count: number
}

export class Metrics {
  readonly #requests = new Map<string, number>()
  readonly #latency = new Map<string, Histogram>()

  record(operation: string, outcome: string, seconds: number): void {
    const key = `${operation}\u0000${outcome}`
    this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1)
    let histogram = this.#latency.get(operation)
    if (histogram === undefined) {
      histogram = { counts: BUCKETS_SECONDS.map(() => 0), sum: 0, count: 0 }
      this.#latency.set(operation, histogram)
    }
    for (let i = 0; i < BUCKETS_SECONDS.length; i++) if (seconds <= BUCKETS_SECONDS[i]!) histogram.counts[i]!++
    histogram.sum += seconds
    histogram.count++
  }

  render(): string {
    const lines = [
      "# HELP trent_requests_total KMS requests by operation and outcome (Success or the AWS error code).",
      "# TYPE trent_requests_total counter"
    ]
    for (const [key, value] of this.#requests) {
      const [operation, outcome] = key.split("\u0000") as [string, string]
      lines.push(`trent_requests_total{operation="${operation}",outcome="${outcome}"} ${value}`)
    }
    lines.push(
      "# HELP trent_request_duration_seconds Time from the request's arrival to its response, by operation.",
      "# TYPE trent_request_duration_seconds histogram"
    )
    for (const [operation, h] of this.#latency) {
      BUCKETS_SECONDS.forEach((le, i) => lines.push(`trent_request_duration_seconds_bucket{operation="${operation}",le="${le}"} ${h.counts[i]}`))
      lines.push(`trent_request_duration_seconds_bucket{operation="${operation}",le="+Inf"} ${h.count}`)
      lines.push(`trent_request_duration_seconds_sum{operation="${operation}"} ${h.sum}`)
      lines.push(`trent_request_duration_seconds_count{operation="${operation}"} ${h.count}`)
    }
    return `${lines.join("\n")}\n`
  }
}
