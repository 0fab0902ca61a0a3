import { Counter, Histogram, type Registry } from "prom-client"

const BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

/**
 * What the HTTP edge counts: requests by operation and outcome ("Success" or
 * the AWS error code), the failed ones again by operation and error code, and
 * a latency histogram per operation. prom-client escapes the label values
 * (an operation name comes from the client's X-Amz-Target).
 */
export class RequestMetrics {
  readonly #requests: Counter<"operation" | "outcome">
  readonly #errors: Counter<"operation" | "code">
  readonly #latency: Histogram<"operation">

  constructor(registry: Registry) {
    this.#requests = new Counter({
      name: "trent_requests_total",
      help: "KMS requests by operation and outcome (Success or the AWS error code).",
      labelNames: ["operation", "outcome"],
      registers: [registry]
    })
    this.#errors = new Counter({
      name: "trent_request_errors_total",
      help: "KMS requests answered with an error, by operation and AWS error code.",
      labelNames: ["operation", "code"],
      registers: [registry]
    })
    this.#latency = new Histogram({
      name: "trent_request_duration_seconds",
      help: "Time from the request's arrival to its response, by operation.",
      labelNames: ["operation"],
      buckets: BUCKETS_SECONDS,
      registers: [registry]
    })
  }

  record(operation: string, outcome: string, seconds: number): void {
    this.#requests.inc({ operation, outcome })
    if (outcome !== "Success") this.#errors.inc({ operation, code: outcome })
    this.#latency.observe({ operation }, seconds)
  }
}
