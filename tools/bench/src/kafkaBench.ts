import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"

const script = fileURLToPath(new URL("./kafkaRequestsBenchmark.ts", import.meta.url))

/**
 * The Kafka request benchmark: Encrypt and GenerateDataKey round trips through the request and
 * reply topics (KafkaKmsClient → Trent's request worker → the client) at 1, 16, 64 and 256 calls
 * in flight, on a real broker (KAFKA_BROKERS, else one started with tools/kafka). Run by its own
 * script (kafkaRequestsBenchmark.ts) in a process of its own, which prints its table.
 */
export const runKafkaBench = async () => {
  const { status } = spawnSync(process.execPath, ["--disable-warning=TimeoutNegativeWarning", script], { stdio: "inherit" })
  if (status !== 0) throw new Error(`the Kafka request benchmark exited with ${status}`)
}
