import { randomUUID } from "node:crypto"
import { Kafka, type KafkaMessage, logLevel } from "kafkajs"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, inject } from "vitest"
import type { KafkaStoreOptions } from "./KafkaStoreOptions.ts"

declare module "vitest" {
  export interface ProvidedContext {
    /** `host:port` of the broker the global setup started, or KAFKA_BROKERS. */
    kafkaBrokers: string
    /** The broker's run directory when the global setup started it, else "". */
    kafkaRunDir: string
  }
}

/** The test broker. */
export const testBrokers = (): ReadonlyArray<string> => inject("kafkaBrokers").split(",")

/**
 * Test fixture: store options on topics of their own (a unique prefix per call) and a data
 * directory removed after the file's last test. `sameTopics` gives another server's options on
 * the same topics: same prefix, its own data directory.
 */
export const testStores = (name: string) => {
  const root = mkdtempSync(join(tmpdir(), `trent-${name}-`))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  let servers = 0
  const server = (topicPrefix: string, overrides: Partial<KafkaStoreOptions>): KafkaStoreOptions => {
    servers += 1
    return {
      brokers: testBrokers(),
      region: "eu-west-1",
      dataDir: join(root, `server-${servers}`),
      topicPrefix,
      partitions: 3,
      requestTimeoutMs: 10_000,
      ...overrides
    }
  }
  return {
    root,
    fresh: (overrides: Partial<KafkaStoreOptions> = {}): KafkaStoreOptions =>
      server(`test-${name}-${randomUUID().slice(0, 8)}`, overrides),
    sameTopics: (other: KafkaStoreOptions, overrides: Partial<KafkaStoreOptions> = {}): KafkaStoreOptions => {
      const { dataDir: _dataDir, ...shared } = other
      return server(other.topicPrefix ?? "trent", { ...shared, ...overrides })
    }
  }
}

/** Every record of a topic's partition 0 as a new reader gets it from the broker now, in offset order. */
export const readWholeTopic = async (topic: string): Promise<Array<KafkaMessage>> => {
  const kafka = new Kafka({ clientId: "trent-topic-reader", brokers: [...testBrokers()], logLevel: logLevel.NOTHING })
  const admin = kafka.admin()
  await admin.connect()
  const high = (await admin.fetchTopicOffsets(topic))[0]?.high ?? "0"
  await admin.disconnect()
  const consumer = kafka.consumer({ groupId: `topic-reader-${randomUUID()}`, maxWaitTimeInMs: 200 })
  const records: Array<KafkaMessage> = []
  await consumer.connect()
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${records.length} records of ${topic} before the deadline`)), 30_000)
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ message }) => {
          records.push(message)
          if (BigInt(message.offset) + 1n >= BigInt(high)) {
            clearTimeout(timer)
            resolve()
          }
        }
      })
    })
  } finally {
    await consumer.disconnect()
  }
  return records
}
