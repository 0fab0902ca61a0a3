/**
 * Vitest global setup: a real Kafka broker for the integration tests of this package.
 *
 * With KAFKA_BROKERS=host:port set, tests use that broker. Otherwise `startKafka()` runs one
 * (KRaft, from Maven Central jars cached under ~/.cache/trent/kafka) for the whole run and stops it
 * afterwards. Without Java 17+ or (on the first run) Maven, the run FAILS with a message naming
 * what is missing: these tests are never skipped silently.
 */
import { startKafka } from "@trent/kafka-broker"
import type { TestProject } from "vitest/node"

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env["KAFKA_BROKERS"]
  if (external !== undefined && external.trim() !== "") {
    project.provide("kafkaBrokers", external.trim())
    project.provide("kafkaRunDir", "")
    return undefined
  }
  let broker
  try {
    broker = await startKafka()
  } catch (error) {
    throw new Error(
      `the Kafka integration tests of @trent/event-log-kafka need a broker and could not start one: ${error instanceof Error ? error.message : String(error)}\n` +
        "Install Java 17+ and Maven (needed once, to download the broker), or point KAFKA_BROKERS=host:port at a running broker.",
      { cause: error }
    )
  }
  project.provide("kafkaBrokers", broker.brokers)
  project.provide("kafkaRunDir", broker.runDir)
  return () => broker.stop()
}
