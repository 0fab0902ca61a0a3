/**
 * What the Kafka request worker counts, in Prometheus's text format: requests
 * by operation and outcome (as the HTTP edge counts them), requests answered
 * again from the results (duplicates, redeliveries), requests found already
 * run after a restart, and messages dropped because they named no reply topic.
 */
export class KafkaRequestMetrics {
  readonly #requests = new Map<string, number>()
  readonly #dropped = new Map<string, number>()
  #answeredAgain = 0
  #recovered = 0

  request(operation: string, outcome: string): void {
    const key = `${operation}\u0000${outcome}`
    this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1)
  }

  dropped(reason: string): void {
    this.#dropped.set(reason, (this.#dropped.get(reason) ?? 0) + 1)
  }

  answeredAgain(): void {
    this.#answeredAgain++
  }

  recovered(): void {
    this.#recovered++
  }

  /** A copy of the counters, for tests and logs. */
  snapshot() {
    return {
      requests: Object.fromEntries([...this.#requests].map(([key, count]) => [key.replace("\u0000", " "), count])),
      dropped: Object.fromEntries(this.#dropped),
      answeredAgain: this.#answeredAgain,
      recovered: this.#recovered
    }
  }

  render(): string {
    const lines = [
      "# HELP trent_kafka_requests_total Kafka-driven KMS requests by operation and outcome (Success or the AWS error code).",
      "# TYPE trent_kafka_requests_total counter"
    ]
    for (const [key, value] of this.#requests) {
      const [operation, outcome] = key.split("\u0000") as [string, string]
      lines.push(`trent_kafka_requests_total{operation="${operation}",outcome="${outcome}"} ${value}`)
    }
    lines.push(
      "# HELP trent_kafka_requests_dropped_total Request messages with nowhere to answer, by reason.",
      "# TYPE trent_kafka_requests_dropped_total counter"
    )
    for (const [reason, value] of this.#dropped) lines.push(`trent_kafka_requests_dropped_total{reason="${reason}"} ${value}`)
    lines.push(
      "# HELP trent_kafka_requests_answered_again_total Requests answered from the recorded results (duplicates and redeliveries).",
      "# TYPE trent_kafka_requests_answered_again_total counter",
      `trent_kafka_requests_answered_again_total ${this.#answeredAgain}`,
      "# HELP trent_kafka_requests_recovered_total Requests found already run after a restart, answered from the log.",
      "# TYPE trent_kafka_requests_recovered_total counter",
      `trent_kafka_requests_recovered_total ${this.#recovered}`
    )
    return `${lines.join("\n")}\n`
  }
}
