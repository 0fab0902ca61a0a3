import { it } from "@effect/vitest"
import { Effect } from "effect"
import kafkajs, { Kafka, logLevel } from "kafkajs"
import { describe, expect } from "vitest"
import { makeKafkaEventLog } from "./KafkaEventLog.ts"
import { makeKafkaKeyvault } from "./KafkaKeyvault.ts"
import { testBrokers, testStores } from "./testKafka.test-support.ts"

const stores = testStores("topics")

const withAdmin = <A>(use: (admin: ReturnType<Kafka["admin"]>) => Promise<A>) =>
  Effect.promise(async () => {
    const admin = new Kafka({ clientId: "trent-topics-test", brokers: [...testBrokers()], logLevel: logLevel.NOTHING }).admin()
    await admin.connect()
    try {
      return await use(admin)
    } finally {
      await admin.disconnect()
    }
  })

const configsOf = (topic: string, names: ReadonlyArray<string>) =>
  withAdmin(async (admin) => {
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: topic, configNames: [...names] }]
    })
    return Object.fromEntries(described.resources[0]!.configEntries.map((entry) => [entry.configName, entry.configValue]))
  })

const partitionsOf = (topic: string) =>
  withAdmin(async (admin) => (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]!.partitions.length)

describe("the topics of a Region's Kafka stores", () => {
  it.live("are created when missing: events never compacted or expired, keyvault compacted eagerly", () =>
    Effect.gen(function*() {
      const options = stores.fresh({ partitions: 5, keyvaultCompactionLagMs: 120_000 })
      yield* Effect.scoped(Effect.all([makeKafkaEventLog(options), makeKafkaKeyvault(options)]))
      const events = `${options.topicPrefix}.eu-west-1.events`
      const keyvault = `${options.topicPrefix}.eu-west-1.keyvault`
      expect(yield* partitionsOf(events)).toBe(5)
      expect(yield* configsOf(events, ["cleanup.policy", "retention.ms", "retention.bytes"])).toEqual({
        "cleanup.policy": "delete",
        "retention.ms": "-1",
        "retention.bytes": "-1"
      })
      expect(yield* partitionsOf(keyvault)).toBe(1)
      expect(yield* configsOf(keyvault, ["cleanup.policy", "min.cleanable.dirty.ratio", "segment.ms", "max.compaction.lag.ms", "delete.retention.ms"])).toEqual({
        "cleanup.policy": "compact",
        "min.cleanable.dirty.ratio": "0.01",
        "segment.ms": "120000",
        "max.compaction.lag.ms": "120000",
        "delete.retention.ms": "86400000"
      })
    }))

  it.live("refuse to start on an events topic that would expire or compact records, naming what differs", () =>
    Effect.gen(function*() {
      const options = stores.fresh({ partitions: 2 })
      const topic = `${options.topicPrefix}.eu-west-1.events`
      yield* withAdmin((admin) =>
        admin.createTopics({
          waitForLeaders: true,
          topics: [{ topic, numPartitions: 2, configEntries: [{ name: "cleanup.policy", value: "compact" }, { name: "retention.ms", value: "604800000" }] }]
        }))
      const failure = yield* Effect.flip(Effect.scoped(makeKafkaEventLog(options)))
      expect(failure._tag).toBe("EventLogFailure")
      expect(failure.message).toBe(
        `${topic} exists with cleanup.policy=compact, retention.ms=604800000, but the events topic of Region eu-west-1 needs ` +
          "cleanup.policy=delete, retention.ms=-1, retention.bytes=-1: alter the topic's configs or choose another topic prefix"
      )
    }))

  it.live("refuse a topic with another partition count: streams would move", () =>
    Effect.gen(function*() {
      const options = stores.fresh({ partitions: 4 })
      yield* Effect.scoped(makeKafkaEventLog(options))
      const failure = yield* Effect.flip(Effect.scoped(makeKafkaEventLog({ ...stores.sameTopics(options), partitions: 6 })))
      expect(failure.message).toMatch(/events has 4 partitions, but the events topic of Region eu-west-1 is configured for 6/)
    }))

  it.live("refuse a keyvault topic that is not compacted: removed KEKs would stay forever", () =>
    Effect.gen(function*() {
      const options = stores.fresh()
      const topic = `${options.topicPrefix}.eu-west-1.keyvault`
      yield* withAdmin((admin) => admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] }))
      const failure = yield* Effect.flip(Effect.scoped(makeKafkaKeyvault(options)))
      expect(failure.message).toMatch(/keyvault exists with cleanup.policy=delete, but the keyvault topic of Region eu-west-1 needs cleanup.policy=compact/)
    }))
})
