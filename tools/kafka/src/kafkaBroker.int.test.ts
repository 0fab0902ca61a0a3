import { existsSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { ConfigResourceTypes, Kafka, type KafkaMessage, logLevel } from "kafkajs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { isAlive } from "./brokerProcess.ts"
import { type KafkaBroker, startKafka } from "./startKafka.ts"

// The shape of Trent's key-event topic: partitioned by key id,
// cleanup.policy=delete with infinite retention, written with acks=all by an idempotent producer.
const partitions = 3
const keys = Array.from({ length: 12 }, (_, i) => `key-${i}`)
const messageCount = 600

interface Received {
  readonly partition: number
  readonly offset: bigint
  readonly key: string
  readonly seq: number
}

const decode = (partition: number, message: KafkaMessage): Received => {
  const { key, seq } = JSON.parse(message.value!.toString()) as { key: string; seq: number }
  expect(message.key!.toString()).toBe(key)
  return { partition, offset: BigInt(message.offset), key, seq }
}

describe("the Kafka broker run by tools/kafka, driven by kafkajs", () => {
  let broker: KafkaBroker
  let kafka: Kafka

  beforeAll(async () => {
    broker = await startKafka()
    kafka = new Kafka({ clientId: "trent-kafka-test", brokers: [broker.brokers], logLevel: logLevel.ERROR })
  })

  afterAll(async () => {
    await broker?.stop()
  })

  it("creates a topic with configs, produces idempotently with acks=all and consumes every message in partition order through a group", async () => {
    const topic = `roundtrip-${Date.now()}`
    const groupId = `${topic}-group`
    const admin = kafka.admin()
    await admin.connect()
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{
          topic,
          numPartitions: partitions,
          replicationFactor: 1,
          configEntries: [{ name: "cleanup.policy", value: "delete" }, { name: "retention.ms", value: "-1" }]
        }]
      })
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ["cleanup.policy", "retention.ms"] }]
      })
      const configs = Object.fromEntries(described.resources[0]!.configEntries.map((entry) => [entry.configName, entry.configValue]))
      expect(configs).toEqual({ "cleanup.policy": "delete", "retention.ms": "-1" })

      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
      await producer.connect()
      const nextSeq = new Map<string, number>()
      for (let start = 0; start < messageCount; start += 100) {
        const messages = Array.from({ length: 100 }, (_, i) => {
          const key = keys[(start + i) % keys.length]!
          const seq = (nextSeq.get(key) ?? 0) + 1
          nextSeq.set(key, seq)
          return { key, value: JSON.stringify({ key, seq }) }
        })
        await producer.send({ topic, acks: -1, messages })
      }
      await producer.disconnect()

      const ends = await admin.fetchTopicOffsets(topic)
      expect(ends.reduce((sum, { high }) => sum + Number(high), 0)).toBe(messageCount)
      expect(ends.filter(({ high }) => Number(high) > 0).length).toBeGreaterThan(1)

      const consumer = kafka.consumer({ groupId })
      await consumer.connect()
      await consumer.subscribe({ topic, fromBeginning: true })
      const received: Array<Received> = []
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`consumed ${received.length} of ${messageCount}`)), 60_000)
        void consumer.run({
          autoCommit: false,
          eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
            for (const message of batch.messages) {
              received.push(decode(batch.partition, message))
              resolveOffset(message.offset)
            }
            await consumer.commitOffsets([{ topic, partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() }])
            await heartbeat()
            if (received.length >= messageCount) {
              clearTimeout(timer)
              resolve()
            }
          }
        })
      })
      await consumer.disconnect()

      expect(received).toHaveLength(messageCount)
      for (let partition = 0; partition < partitions; partition++) {
        const offsets = received.filter((message) => message.partition === partition).map(({ offset }) => Number(offset))
        expect(offsets).toEqual(offsets.map((_, i) => i))
      }
      for (const key of keys) {
        const seqs = received.filter((message) => message.key === key).map(({ seq }) => seq)
        expect(seqs).toEqual(seqs.map((_, i) => i + 1))
        expect(new Set(received.filter((message) => message.key === key).map(({ partition }) => partition)).size).toBe(1)
      }

      const committed = await admin.fetchOffsets({ groupId, topics: [topic] })
      const committedByPartition = Object.fromEntries(committed[0]!.partitions.map(({ partition, offset }) => [partition, offset]))
      expect(committedByPartition).toEqual(Object.fromEntries(ends.map(({ partition, high }) => [partition, high])))
    } finally {
      await admin.disconnect()
    }
  })

  it("starts a second broker from the complete cache without running Maven, and stop() removes it", async () => {
    // Were Maven needed, a missing mvn would fail the start: the cache alone must suffice.
    const second = await startKafka({ mavenCommand: join(tmpdir(), "trent-no-such-mvn") })
    try {
      expect(second.fetched).toBe(false)
      expect(second.brokers).not.toBe(broker.brokers)
      const admin = kafka.admin()
      await admin.connect()
      await admin.disconnect()
    } finally {
      await second.stop()
    }
    expect(isAlive(second.pid)).toBe(false)
    expect(existsSync(second.runDir)).toBe(false)
  })

  it("restart() brings the broker back on the same port with every topic and record, and a producer reconnects", async () => {
    const restarted = await startKafka()
    try {
      const client = new Kafka({ clientId: "trent-kafka-restart", brokers: [restarted.brokers], logLevel: logLevel.NOTHING })
      const topic = `restart-${Date.now()}`
      const admin = client.admin()
      await admin.connect()
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, configEntries: [{ name: "retention.ms", value: "-1" }] }] })
      await admin.disconnect()
      const producer = client.producer({ idempotent: true, maxInFlightRequests: 1 })
      await producer.connect()
      await producer.send({ topic, acks: -1, messages: [{ key: "k", value: "before" }] })
      const before = restarted.pid

      await restarted.restart()

      expect(restarted.pid).not.toBe(before)
      expect(isAlive(before)).toBe(false)
      expect(existsSync(restarted.runDir)).toBe(true)
      // The same producer, never reconnected by hand, writes again.
      await producer.send({ topic, acks: -1, messages: [{ key: "k", value: "after" }] })
      await producer.disconnect()
      const reader = client.admin()
      await reader.connect()
      const [offsets] = await reader.fetchTopicOffsets(topic)
      await reader.disconnect()
      expect(offsets).toMatchObject({ partition: 0, low: "0", high: "2" })
    } finally {
      await restarted.stop()
    }
    expect(isAlive(restarted.pid)).toBe(false)
  })
})
