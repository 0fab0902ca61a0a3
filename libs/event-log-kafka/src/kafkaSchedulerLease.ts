import { EventLogFailure } from "@trent/event-log"
import { Effect, type Scope } from "effect"
import { makeKafkaConnection, runRestartingConsumer } from "@trent/kafka-client"
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
 * and another member gets it. While a rebalance is under way nobody holds it. A consumer that
 * stops is replaced (@trent/kafka-client's RestartingConsumer) and rejoins the group.
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
    let held = false
    yield* runRestartingConsumer({
      kafka,
      topic,
      groupId: () => topic,
      config: { sessionTimeout: 10_000, heartbeatInterval: 1_000 },
      purpose: `the scheduler lease of Region ${resolved.region}`,
      stopWaitMs: 15_000,
      onJoin: (_, assigned) => {
        held = assigned.includes(0)
      },
      onLost: () => {
        held = false
      },
      // The topic holds no records: membership is all that matters.
      run: { eachBatch: () => Promise.resolve() }
    })
    return { held: Effect.sync(() => held) }
  })
