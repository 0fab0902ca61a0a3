import { Effect, type Scope } from "effect"
import type { Admin, Kafka } from "kafkajs"
import { KafkaKmsFailure } from "./KafkaKmsErrors.ts"
import { wallClockDeadline, wallClockSleep } from "./wallClock.ts"

/** A topic as its user needs it, created with these settings when missing. */
export interface TopicSpec {
  readonly topic: string
  /** What the topic is for, in error messages: "the request topic of Region eu-west-1". */
  readonly purpose: string
  readonly partitions: number
  /** Configs set on creation; an existing topic keeps its own (an operator may have tuned them). */
  readonly configs: Readonly<Record<string, string>>
  readonly replicationFactor?: number | undefined
}

const isRetriable = (failure: KafkaKmsFailure): boolean => (failure.cause as { readonly retriable?: unknown } | undefined)?.retriable === true

/**
 * One admin call within the deadline, naming the action in the failure. Errors Kafka calls
 * retriable are retried with backoff: right after a topic is created, metadata can still lag.
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
 * Creates `spec.topic` if it is missing (a concurrent creator is fine: whoever loses finds it) and
 * answers the partition count the topic has — which, for a topic that existed, may differ from
 * `spec.partitions`; the caller decides whether that matters.
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
            configEntries: Object.entries(spec.configs).map(([name, value]) => ({ name, value }))
          }]
        })).pipe(Effect.catchIf((failure) => /already exists/i.test(failure.message), () => Effect.succeed(false)))
    }
    const metadata = yield* adminCall(`reading the metadata of ${spec.topic}`, timeoutMs, () => admin.fetchTopicMetadata({ topics: [spec.topic] }))
    const partitions = metadata.topics[0]?.partitions.length ?? 0
    if (partitions === 0) return yield* new KafkaKmsFailure({ message: `${spec.topic} has no partitions` })
    return partitions
  })

/** Every partition's high watermark (the offset its next record gets), indexed by partition. */
export const highWatermarks = (admin: Admin, topic: string, timeoutMs: number): Effect.Effect<ReadonlyArray<number>, KafkaKmsFailure> =>
  Effect.map(adminCall(`reading the offsets of ${topic}`, timeoutMs, () => admin.fetchTopicOffsets(topic)), (offsets) => {
    const highs: Array<number> = []
    for (const { partition, high } of offsets) highs[partition] = Number(high)
    return highs
  })
