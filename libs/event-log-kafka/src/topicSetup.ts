import { EventLogFailure } from "@trent/event-log"
import { Effect, type Scope } from "effect"
import kafkajs, { type Admin, type Kafka } from "kafkajs"
import { wallClockDeadline, wallClockSleep } from "./wallClock.ts"

// kafkajs is CommonJS, and Node's ESM loader cannot see this export by name (Kafka, logLevel and
// Partitioners it can): take it from the module object.
const { ConfigResourceTypes } = kafkajs

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

export interface PartitionOffsets {
  readonly partition: number
  /** The log start offset: the first offset still stored. */
  readonly low: number
  /** The high watermark: the offset the next record will get. */
  readonly high: number
}

const describe = (configs: Readonly<Record<string, string>>): string =>
  Object.entries(configs).map(([name, value]) => `${name}=${value}`).join(", ")

const isRetriable = (failure: EventLogFailure): boolean => (failure.cause as { readonly retriable?: unknown } | undefined)?.retriable === true

/**
 * Runs one admin call within the store's deadline, naming the action in the failure. Errors Kafka
 * calls retriable are retried (kafkajs's admin does not retry all of them: right after a topic is
 * created, ListOffsets can still meet NOT_LEADER_FOR_PARTITION), backing off in real time.
 */
export const adminCall = <A>(action: string, timeoutMs: number, call: () => Promise<A>): Effect.Effect<A, EventLogFailure> => {
  let retried: EventLogFailure | undefined
  const attempt = (backoffMs: number): Effect.Effect<A, EventLogFailure> =>
    Effect.tryPromise({ try: call, catch: (cause) => EventLogFailure.during(action, cause) }).pipe(
      Effect.catchIf(isRetriable, (failure) => {
        retried = failure
        return Effect.andThen(wallClockSleep(backoffMs), attempt(Math.min(backoffMs * 2, 1_000)))
      })
    )
  return attempt(50).pipe(
    wallClockDeadline(timeoutMs, () =>
      retried ?? new EventLogFailure({ message: `${action}: no answer from the Kafka brokers within ${timeoutMs / 1000} s` }))
  )
}

/** A connected admin client for the scope's life. */
export const connectAdmin = (kafka: Kafka, timeoutMs: number): Effect.Effect<Admin, EventLogFailure, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.suspend(() => {
      const admin = kafka.admin()
      return Effect.as(adminCall("connecting to the Kafka brokers", timeoutMs, () => admin.connect()), admin)
    }),
    (admin) => Effect.promise(() => admin.disconnect().catch(() => undefined))
  )

/**
 * Creates `spec.topic` with its partitions and configs if it is missing (concurrent creators are
 * fine: whoever loses finds it), then checks the topic as it is: its partition count and required
 * configs must match, or start-up fails naming what differs — a store never runs on a topic whose
 * shape would break its guarantees (a compacted or expiring event log, streams moved by a changed
 * partition count).
 */
export const ensureTopic = (admin: Admin, spec: TopicSpec, timeoutMs: number): Effect.Effect<void, EventLogFailure> =>
  Effect.gen(function*() {
    const { topic } = spec
    const existing = yield* adminCall("listing the topics", timeoutMs, () => admin.listTopics())
    if (!existing.includes(topic)) {
      yield* adminCall(`creating ${spec.purpose}, ${topic}`, timeoutMs, () =>
        admin.createTopics({
          waitForLeaders: true,
          topics: [{
            topic,
            numPartitions: spec.partitions,
            ...(spec.replicationFactor === undefined ? {} : { replicationFactor: spec.replicationFactor }),
            configEntries: Object.entries({ ...spec.tuning, ...spec.required }).map(([name, value]) => ({ name, value }))
          }]
        })).pipe(Effect.catchIf((failure) => /already exists/i.test(failure.message), () => Effect.succeed(false)))
    }
    const metadata = yield* adminCall(`reading the metadata of ${topic}`, timeoutMs, () => admin.fetchTopicMetadata({ topics: [topic] }))
    const partitions = metadata.topics[0]?.partitions.length ?? 0
    if (partitions !== spec.partitions) {
      return yield* new EventLogFailure({
        message: `${topic} has ${partitions} partitions, but ${spec.purpose} is configured for ${spec.partitions}: ` +
          "a stream's partition depends on the count, so it can never change for an existing topic"
      })
    }
    const described = yield* adminCall(`reading the configs of ${topic}`, timeoutMs, () =>
      admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: Object.keys(spec.required) }]
      }))
    const actual = Object.fromEntries((described.resources[0]?.configEntries ?? []).map((entry) => [entry.configName, entry.configValue]))
    const wrong = Object.fromEntries(Object.keys(spec.required).filter((name) => actual[name] !== spec.required[name]).map((name) => [name, actual[name] ?? "(unset)"]))
    if (Object.keys(wrong).length > 0) {
      return yield* new EventLogFailure({
        message: `${topic} exists with ${describe(wrong)}, but ${spec.purpose} needs ${describe(spec.required)}: ` +
          "alter the topic's configs or choose another topic prefix"
      })
    }
  })

/** Every partition's log start offset and high watermark, by partition. */
export const topicOffsets = (admin: Admin, topic: string, timeoutMs: number): Effect.Effect<ReadonlyArray<PartitionOffsets>, EventLogFailure> =>
  adminCall(`reading the offsets of ${topic}`, timeoutMs, () => admin.fetchTopicOffsets(topic)).pipe(
    Effect.map((offsets) =>
      offsets
        .map(({ partition, low, high }) => ({ partition, low: Number(low), high: Number(high) }))
        .sort((a, b) => a.partition - b.partition))
  )

/**
 * The offsets of a topic that must already exist (the offline readers: they never create one), or
 * a failure that names it and the flags that choose it.
 */
export const existingTopicOffsets = (
  kafka: Kafka,
  topic: string,
  brokers: ReadonlyArray<string>,
  timeoutMs: number
): Effect.Effect<ReadonlyArray<PartitionOffsets>, EventLogFailure> =>
  Effect.scoped(Effect.gen(function*() {
    const admin = yield* connectAdmin(kafka, timeoutMs)
    const topics = yield* adminCall("listing the topics", timeoutMs, () => admin.listTopics())
    if (!topics.includes(topic)) {
      return yield* new EventLogFailure({ message: `there is no topic ${topic} on ${brokers.join(",")} (check --kafka-topic-prefix and --region)` })
    }
    return yield* topicOffsets(admin, topic, timeoutMs)
  }))
