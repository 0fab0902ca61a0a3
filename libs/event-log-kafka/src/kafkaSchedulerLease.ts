import { EventLogFailure } from "@trent/event-log"
import { Effect, type Scope } from "effect"
import { makeKafkaConnection } from "@trent/kafka-client"
import { type KafkaStoreOptions, resolveKafkaStoreOptions } from "./KafkaStoreOptions.ts"
import { connectAdmin, ensureTopic } from "./topicSetup.ts"

/** The lease topic: one partition, so one member of the group owns it at a time. It holds no records. */
const leaseTopicSpec = (topic: string, region: string, replicationFactor: number | undefined) => ({
  topic,
  purpose: `the scheduler lease of Region ${region}`,
  partitions: 1,
  replicationFactor,
  required: {},
  tuning: {}
})

/**
 * The Region's scheduler lease on Kafka: every server hosting the Region joins
 * the consumer group `<prefix>.<region>.scheduler` on the one-partition topic of
 * the same name, and the member the group coordinator assigns partition 0 holds
 * the lease. Kafka's own partition ownership is the lease: a server that stops,
 * crashes or stalls past the session timeout loses it at the next rebalance,
 * and another member gets it. While a rebalance is under way nobody holds it.
 */
export const kafkaSchedulerLease = (options: KafkaStoreOptions): Effect.Effect<{ readonly held: Effect.Effect<boolean> }, EventLogFailure, Scope.Scope> =>
  Effect.gen(function*() {
    const resolved = yield* Effect.try({
      try: () => resolveKafkaStoreOptions(options),
      catch: (cause) => EventLogFailure.during("configuring the scheduler lease", cause)
    })
    const topic = resolved.eventsTopic.replace(/\.events$/, ".scheduler")
    const kafka = yield* makeKafkaConnection({ ...resolved, clientId: `${resolved.clientId}-scheduler` })
    yield* Effect.scoped(Effect.gen(function*() {
      const admin = yield* connectAdmin(kafka, resolved.requestTimeoutMs)
      yield* ensureTopic(admin, leaseTopicSpec(topic, resolved.region, resolved.replicationFactor), resolved.requestTimeoutMs)
    }))
    const consumer = kafka.consumer({ groupId: topic, sessionTimeout: 10_000, heartbeatInterval: 1_000 })
    let held = false
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      held = (payload.memberAssignment[topic] ?? []).includes(0)
    })
    for (const lost of [consumer.events.REBALANCING, consumer.events.CRASH, consumer.events.DISCONNECT, consumer.events.STOP]) {
      consumer.on(lost, () => void (held = false))
    }
    yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: async () => {
          await consumer.connect()
          await consumer.subscribe({ topic, fromBeginning: false })
          // The topic holds no records: membership is all that matters.
          await consumer.run({ eachMessage: () => Promise.resolve() })
        },
        catch: (cause) => EventLogFailure.during(`joining ${topic}`, cause)
      }),
      () => Effect.promise(() => consumer.disconnect().catch(() => undefined))
    )
    return { held: Effect.sync(() => held) }
  })
