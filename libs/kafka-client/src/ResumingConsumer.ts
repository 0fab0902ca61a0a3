import { randomUUID } from "node:crypto"
import { Effect, type Scope } from "effect"
import type { ConsumerConfig, Kafka, KafkaMessage } from "kafkajs"
import { runRestartingConsumer } from "./RestartingConsumer.ts"

export interface ResumingConsumerOptions {
  readonly kafka: Kafka
  readonly topic: string
  /** Each consumer instance joins a group of its own, `${groupIdPrefix}-<uuid>`. */
  readonly groupIdPrefix: string
  /** Where each partition starts; a partition not listed starts at 0. */
  readonly startOffsets: ReadonlyArray<number>
  /**
   * Takes one partition's new messages, in offset order, never two calls at once. A promise it
   * answers is awaited; a rejected one hands nothing over (kafkajs fetches the batch again).
   */
  readonly onMessages: (partition: number, messages: ReadonlyArray<KafkaMessage>) => void | Promise<void>
  /** Named in the one warning logged when the consumer stops and is replaced. */
  readonly purpose?: string | undefined
  /** Fetch sizes; and how long an idle fetch waits (default 200 ms), which bounds how long stopping waits for one. */
  readonly tuning?: Pick<ConsumerConfig, "maxBytesPerPartition" | "maxBytes" | "maxWaitTimeInMs"> | undefined
}

export interface ResumingConsumer {
  /** Completes once each partition has been read up to `targets[partition]` (exclusive). */
  reached(targets: ReadonlyArray<number>): Effect.Effect<void>
}

/**
 * Reads every partition of a topic from given offsets for the life of the scope, whatever happens
 * to the brokers (RestartingConsumer.ts), committing nothing. kafkajs consumes only through a
 * group, and a group would share the partitions among instances and keep offsets of its own; a
 * reader that needs every partition and keeps its position itself joins a group of its own with
 * each consumer and, on every assignment, seeks each partition to the next offset it has not yet
 * handed over (kafkajs docs, "Consuming Messages", seek); messages below it, fetched before a
 * seek took effect, are skipped. A new group also means a restarted consumer never waits for a
 * dead member's session to time out.
 *
 * The consumer starts in the background: joining a new group takes the broker's
 * `group.initial.rebalance.delay.ms` (3 s by default), and a caller already at the end of the
 * topic need not wait for it.
 */
export const runResumingConsumer = (options: ResumingConsumerOptions): Effect.Effect<ResumingConsumer, never, Scope.Scope> =>
  Effect.gen(function*() {
    const { topic } = options
    const next = [...options.startOffsets]
    const nextOf = (partition: number) => next[partition] ?? 0
    const waiters = new Set<{ readonly targets: ReadonlyArray<number>; readonly done: () => void }>()

    const isReached = (targets: ReadonlyArray<number>) => targets.every((target, partition) => nextOf(partition) >= target)
    const wakeWaiters = () => {
      for (const waiter of waiters) {
        if (isReached(waiter.targets)) {
          waiters.delete(waiter)
          waiter.done()
        }
      }
    }

    yield* runRestartingConsumer({
      kafka: options.kafka,
      topic,
      groupId: () => `${options.groupIdPrefix}-${randomUUID()}`,
      config: { sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 200, ...options.tuning },
      purpose: options.purpose,
      stopWaitMs: 15_000,
      onJoin: (consumer, assigned) => {
        for (const partition of assigned) consumer.seek({ topic, partition, offset: String(nextOf(partition)) })
      },
      run: {
        autoCommit: false,
        partitionsConsumedConcurrently: 1,
        eachBatch: async ({ batch, heartbeat }) => {
          const from = nextOf(batch.partition)
          const fresh = batch.messages.filter((message) => Number(message.offset) >= from)
          if (fresh.length > 0) {
            await options.onMessages(batch.partition, fresh)
            next[batch.partition] = Number(fresh[fresh.length - 1]!.offset) + 1
            wakeWaiters()
          }
          await heartbeat()
        }
      }
    })

    const reached = (targets: ReadonlyArray<number>): Effect.Effect<void> =>
      Effect.callback<void>((resume) => {
        if (isReached(targets)) return resume(Effect.void)
        const waiter = { targets, done: () => resume(Effect.void) }
        waiters.add(waiter)
        return Effect.sync(() => void waiters.delete(waiter))
      })

    return { reached }
  })
