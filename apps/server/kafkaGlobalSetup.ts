/**
 * Vitest global setup: a real Kafka broker for the server's Kafka-store tests,
 * unless KAFKA_BROKERS names one. Without Java 17+ (or Maven, on the first run)
 * the run FAILS naming what is missing: these tests are never skipped.
 */
import { startKafka } from "@trent/kafka-broker"
import type { TestProject } from "vitest/node"

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env["KAFKA_BROKERS"]?.trim()
  if (external !== undefined && external !== "") {
    project.provide("kafkaBrokers", external)
    return undefined
  }
  const broker = await startKafka().catch((error: unknown) => {
    throw new Error(
      `the server's Kafka-store tests need a broker and could not start one: ${error instanceof Error ? error.message : String(error)}\n` +
        "Install Java 17+ and Maven (needed once, to download the broker), or point KAFKA_BROKERS=host:port at a running broker.",
      { cause: error }
    )
  })
  project.provide("kafkaBrokers", broker.brokers)
  return () => broker.stop()
}
