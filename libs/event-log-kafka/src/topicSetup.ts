import { EventLogFailure } from "@trent/event-log"
import * as KafkaClient from "@trent/kafka-client"
import { Effect, type Scope } from "effect"
import type { Admin, Kafka } from "kafkajs"
import { asEventLogFailure } from "./asEventLogFailure.ts"

/** A topic as a store needs it. */
export interface TopicSpec {
  readonly topic: string
  /** What the topic is for, in error messages: "the events topic of Region eu-west-1". */
  readonly purpose: string
  readonly partitions: number
  readonly replicationFactor: number | undefined
  /** Configs the topic must have; an existing topic without them fails the start. */
  readonly required: Readonly<Record<string, string>>
  /** Configs set when this store creates the topic; an operator may tune them later. */
  readonly tuning: Readonly<Record<string, string>>
}

export type { PartitionOffsets } from "@trent/kafka-client"

/** @trent/kafka-client's connectAdmin, failing as the stores do. */
export const connectAdmin = (kafka: Kafka, timeoutMs: number): Effect.Effect<Admin, EventLogFailure, Scope.Scope> =>
  asEventLogFailure(KafkaClient.connectAdmin(kafka, timeoutMs))

/** @trent/kafka-client's topicOffsets (every partition's low and high offsets), failing as the stores do. */
export const topicOffsets = (admin: Admin, topic: string, timeoutMs: number): Effect.Effect<ReadonlyArray<KafkaClient.PartitionOffsets>, EventLogFailure> =>
  asEventLogFailure(KafkaClient.topicOffsets(admin, topic, timeoutMs))

/**
 * Creates `spec.topic` with its partitions and configs if it is missing (@trent/kafka-client's
 * ensureTopic, which also refuses a topic without the required configs), then checks its
 * partition count: a store never runs on a topic whose shape would break its guarantees (a
 * compacted or expiring event log, streams moved by a changed partition count).
 */
export const ensureTopic = (admin: Admin, spec: TopicSpec, timeoutMs: number): Effect.Effect<void, EventLogFailure> =>
  Effect.gen(function*() {
    const { topic, purpose, partitions: wanted, replicationFactor, required, tuning } = spec
    const partitions = yield* asEventLogFailure(KafkaClient.ensureTopic(admin, { topic, purpose, partitions: wanted, replicationFactor, required, configs: tuning }, timeoutMs))
    if (partitions !== wanted) {
      return yield* new EventLogFailure({
        message: `${topic} has ${partitions} partitions, but ${purpose} is configured for ${wanted}: ` +
          "a stream's partition depends on the count, so it can never change for an existing topic"
      })
    }
  })

/**
 * The offsets of a topic that must already exist (the offline readers: they never create one), or
 * a failure that names it and the flags that choose it.
 */
export const existingTopicOffsets = (
  kafka: Kafka,
  topic: string,
  brokers: ReadonlyArray<string>,
  timeoutMs: number
): Effect.Effect<ReadonlyArray<KafkaClient.PartitionOffsets>, EventLogFailure> =>
  Effect.scoped(Effect.gen(function*() {
    const admin = yield* connectAdmin(kafka, timeoutMs)
    const topics = yield* asEventLogFailure(KafkaClient.adminCall("listing the topics", timeoutMs, () => admin.listTopics()))
    if (!topics.includes(topic)) {
      return yield* new EventLogFailure({ message: `there is no topic ${topic} on ${brokers.join(",")} (check --kafka-topic-prefix and --region)` })
    }
    return yield* topicOffsets(admin, topic, timeoutMs)
  }))
