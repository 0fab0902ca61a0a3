import { Effect, type Scope } from "effect"
import kafkajs, { type Admin, type Kafka } from "kafkajs"
import { KafkaKmsFailure } from "./KafkaKmsErrors.ts"
import { wallClockDeadline, wallClockSleep } from "./wallClock.ts"

// kafkajs is CommonJS, and Node's ESM loader cannot see this export by name (Kafka, logLevel and
// Partitioners it can): take it from the module object.
const { ConfigResourceTypes } = kafkajs

/** A topic as its user needs it, created with these settings when missing. */
export interface TopicSpec {
  readonly topic: string
  /** What the topic is for, in error messages: "the request topic of Region eu-west-1". */
  readonly purpose: string
  readonly partitions: number
  /** Configs set on creation; an existing topic keeps its own (an operator may have tuned them). */
  readonly configs: Readonly<Record<string, string>>
  /**
   * Configs the topic must have, set on creation too; an existing topic without them is refused,
   * naming what differs (a store's guarantees may rest on them: no compaction, no expiry).
   */
  readonly required?: Readonly<Record<string, string>> | undefined
  readonly replicationFactor?: number | undefined
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

const isRetriable = (failure: KafkaKmsFailure): boolean => (failure.cause as { readonly retriable?: unknown } | undefined)?.retriable === true

/**
 * One admin call within the deadline, naming the action in the failure. Errors Kafka calls
 * retriable are retried, backing off in real time: kafkajs's admin does not retry all of them
 * (right after a topic is created, ListOffsets can still meet NOT_LEADER_FOR_PARTITION).
 */
export const adminCall = <A>(action: string, timeoutMs: number, call: () => Promise<A>): Effect.Effect<A, KafkaKmsFailure> => {
  let retried: KafkaKmsFailure | undefined
  const attempt = (backoffMs: number): Effect.Effect<A, KafkaKmsFailure> =>
    Effect.tryPromise({ try: call, catch: (cause) => KafkaKmsFailure.during(action, cause) }).pipe(
      Effect.catchIf(isRetriable, (failure) => {
        retried = failure
        return Effect.andThen(wallClockSleep(backoffMs), attempt(Math.min(backoffMs * 2, 1_000)))
      })
    )
  return attempt(50).pipe(
    wallClockDeadline(timeoutMs, () => retried ?? new KafkaKmsFailure({ message: `${action}: no answer from the Kafka brokers within ${timeoutMs / 1000} s` }))
  )
}

/** A connected admin client for the scope's life. */
export const connectAdmin = (kafka: Kafka, timeoutMs: number): Effect.Effect<Admin, KafkaKmsFailure, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.suspend(() => {
      const admin = kafka.admin()
      return Effect.as(adminCall("connecting to the Kafka brokers", timeoutMs, () => admin.connect()), admin)
    }),
    (admin) => Effect.promise(() => admin.disconnect().catch(() => undefined))
  )

/**
 * Creates `spec.topic` if it is missing (a concurrent creator is fine: whoever loses finds it),
 * checks the `required` configs of the topic as it is, and answers the partition count it has —
 * which, for a topic that existed, may differ from `spec.partitions`; the caller decides whether
 * that matters.
 */
export const ensureTopic = (admin: Admin, spec: TopicSpec, timeoutMs: number): Effect.Effect<number, KafkaKmsFailure> =>
  Effect.gen(function*() {
    const existing = yield* adminCall("listing the topics", timeoutMs, () => admin.listTopics())
    if (!existing.includes(spec.topic)) {
      yield* adminCall(`creating ${spec.purpose}, ${spec.topic}`, timeoutMs, () =>
        admin.createTopics({
          waitForLeaders: true,
          topics: [{
            topic: spec.topic,
            numPartitions: spec.partitions,
            ...(spec.replicationFactor === undefined ? {} : { replicationFactor: spec.replicationFactor }),
            configEntries: Object.entries({ ...spec.configs, ...spec.required }).map(([name, value]) => ({ name, value }))
          }]
        })).pipe(Effect.catchIf((failure) => /already exists/i.test(failure.message), () => Effect.succeed(false)))
    }
    const metadata = yield* adminCall(`reading the metadata of ${spec.topic}`, timeoutMs, () => admin.fetchTopicMetadata({ topics: [spec.topic] }))
    const partitions = metadata.topics[0]?.partitions.length ?? 0
    if (partitions === 0) return yield* new KafkaKmsFailure({ message: `${spec.topic} has no partitions` })
    if (spec.required !== undefined && Object.keys(spec.required).length > 0) yield* checkConfigs(admin, spec, spec.required, timeoutMs)
    return partitions
  })

const checkConfigs = (admin: Admin, spec: TopicSpec, required: Readonly<Record<string, string>>, timeoutMs: number): Effect.Effect<void, KafkaKmsFailure> =>
  Effect.gen(function*() {
    const described = yield* adminCall(`reading the configs of ${spec.topic}`, timeoutMs, () =>
      admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: spec.topic, configNames: Object.keys(required) }]
      }))
    const actual = Object.fromEntries((described.resources[0]?.configEntries ?? []).map((entry) => [entry.configName, entry.configValue]))
    const wrong = Object.fromEntries(Object.keys(required).filter((name) => actual[name] !== required[name]).map((name) => [name, actual[name] ?? "(unset)"]))
    if (Object.keys(wrong).length > 0) {
      return yield* new KafkaKmsFailure({
        message: `${spec.topic} exists with ${describe(wrong)}, but ${spec.purpose} needs ${describe(required)}: ` +
          "alter the topic's configs or choose another topic prefix"
      })
    }
  })

/** Every partition's log start offset and high watermark, by partition. */
export const topicOffsets = (admin: Admin, topic: string, timeoutMs: number): Effect.Effect<ReadonlyArray<PartitionOffsets>, KafkaKmsFailure> =>
  adminCall(`reading the offsets of ${topic}`, timeoutMs, () => admin.fetchTopicOffsets(topic)).pipe(
    Effect.map((offsets) =>
      offsets
        .map(({ partition, low, high }) => ({ partition, low: Number(low), high: Number(high) }))
        .sort((a, b) => a.partition - b.partition))
  )

/** Every partition's high watermark (the offset its next record gets), indexed by partition. */
export const highWatermarks = (admin: Admin, topic: string, timeoutMs: number): Effect.Effect<ReadonlyArray<number>, KafkaKmsFailure> =>
  Effect.map(topicOffsets(admin, topic, timeoutMs), (offsets) => {
    const highs: Array<number> = []
    for (const { partition, high } of offsets) highs[partition] = high
    return highs
  })
