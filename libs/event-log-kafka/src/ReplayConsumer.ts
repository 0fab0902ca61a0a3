import type { EventLogFailure } from "@trent/event-log"
import { runResumingConsumer } from "@trent/kafka-client"
import { Effect, type Scope } from "effect"
import type { ConsumerConfig, Kafka, KafkaMessage } from "kafkajs"
import type { OffsetTracker } from "./OffsetTracker.ts"

export interface ReplayConsumerOptions {
  readonly kafka: Kafka
  readonly topic: string
  /** Each consumer instance joins a group of its own, named `${groupIdPrefix}-<uuid>`. */
  readonly groupIdPrefix: string
  /** Where each partition resumes: the offsets the tracker was made with. */
  readonly startOffsets: ReadonlyArray<number>
  /** Advanced by `apply`. */
  readonly tracker: OffsetTracker<unknown>
  /**
   * Applies the records of one partition, in offset order, all at or after `tracker.next(partition)`,
   * and advances the tracker past them. Never called concurrently.
   */
  readonly apply: (partition: number, messages: ReadonlyArray<KafkaMessage>) => Effect.Effect<void, EventLogFailure>
  readonly tuning?: Pick<ConsumerConfig, "maxBytesPerPartition" | "maxBytes">
}

/**
 * The one consumer loop of a store, for the life of the scope: @trent/kafka-client's
 * ResumingConsumer, reading every partition of `topic` in order from the replica's own offsets
 * (a replica keeps them itself, in the same transaction as the data, and commits nothing to Kafka)
 * whatever happens to the brokers. A batch whose apply fails is logged and fetched again; records
 * below the tracker's next offset (applied before the failure) are not applied twice.
 */
export const runReplayConsumer = (options: ReplayConsumerOptions): Effect.Effect<void, never, Scope.Scope> =>
  Effect.gen(function*() {
    const { topic } = options
    const run = Effect.runPromiseWith(yield* Effect.context<never>())
    yield* runResumingConsumer({
      kafka: options.kafka,
      topic,
      groupIdPrefix: options.groupIdPrefix,
      startOffsets: options.startOffsets,
      // Bounds how long stopping waits for an idle fetch; new records still arrive at once.
      tuning: { maxWaitTimeInMs: 500, ...options.tuning },
      onMessages: (partition, messages) => {
        // A failed apply may have applied a part (what precedes a record of a newer format): the tracker knows.
        const next = options.tracker.next(partition)
        const fresh = messages.filter((message) => Number(message.offset) >= next)
        if (fresh.length === 0) return
        return run(options.apply(partition, fresh).pipe(
          Effect.tapCause((cause) => Effect.logWarning(`applying ${topic}/${partition}@${fresh[0]!.offset} failed; kafkajs retries the batch`, cause))
        ))
      }
    })
  })
