import { Counter, type Registry } from "prom-client"

/** The counters' values, for tests and logs: requests keyed "<operation> <outcome>", drops by reason. */
export interface KafkaRequestCounts {
  readonly requests: Record<string, number>
  readonly dropped: Record<string, number>
  readonly answeredAgain: number
  readonly recovered: number
}

/**
 * What the Kafka request worker counts, for `GET /metrics`: requests by
 * operation and outcome (as the HTTP edge counts them), the failed ones by
 * operation and AWS error code, requests answered again from the results
 * (duplicates, redeliveries), requests found already run after a restart, and
 * messages dropped because they named no reply topic.
 */
export class KafkaRequestMetrics {
  readonly #requests: Counter<"operation" | "outcome">
  readonly #errors: Counter<"operation" | "code">
  readonly #dropped: Counter<"reason">
  readonly #answeredAgain: Counter
  readonly #recovered: Counter

  constructor(registry: Registry) {
    const registers = [registry]
    this.#requests = new Counter({
      name: "trent_kafka_requests_total",
      help: "Kafka-driven KMS requests by operation and outcome (Success or the AWS error code).",
      labelNames: ["operation", "outcome"],
      registers
    })
    this.#errors = new Counter({
      name: "trent_kafka_request_errors_total",
      help: "Kafka-driven KMS requests answered with an error, by operation and AWS error code.",
      labelNames: ["operation", "code"],
      registers
    })
    this.#dropped = new Counter({
      name: "trent_kafka_requests_dropped_total",
      help: "Request messages with nowhere to answer, by reason.",
      labelNames: ["reason"],
      registers
    })
    this.#answeredAgain = new Counter({
      name: "trent_kafka_requests_answered_again_total",
      help: "Requests answered from the recorded results (duplicates and redeliveries).",
      registers
    })
    this.#recovered = new Counter({
      name: "trent_kafka_requests_recovered_total",
      help: "Requests found already run after a restart, answered from the log.",
      registers
    })
  }

  request(operation: string, outcome: string): void {
    this.#requests.inc({ operation, outcome })
    if (outcome !== "Success") this.#errors.inc({ operation, code: outcome })
  }

  dropped(reason: string): void {
    this.#dropped.inc({ reason })
  }

  answeredAgain(): void {
    this.#answeredAgain.inc()
  }

  recovered(): void {
    this.#recovered.inc()
  }

  /** The counters' values now. */
  async snapshot(): Promise<KafkaRequestCounts> {
    const [requests, dropped, answeredAgain, recovered] = await Promise.all([
      this.#requests.get(),
      this.#dropped.get(),
      this.#answeredAgain.get(),
      this.#recovered.get()
    ])
    return {
      requests: Object.fromEntries(requests.values.map(({ labels, value }) => [`${labels.operation} ${labels.outcome}`, value])),
      dropped: Object.fromEntries(dropped.values.map(({ labels, value }) => [String(labels.reason), value])),
      answeredAgain: answeredAgain.values[0]?.value ?? 0,
      recovered: recovered.values[0]?.value ?? 0
    }
  }
}
