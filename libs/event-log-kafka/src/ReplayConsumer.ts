import { randomUUID } from "node:crypto"
import type { EventLogFailure } from "@trent/event-log"
import { Effect, type Scope } from "effect"
import type { Consumer, ConsumerConfig, Kafka, KafkaMessage } from "kafkajs"
import type { OffsetTracker } from "./OffsetTracker.ts"

export interface ReplayConsumerOptions {
  readonly kafka: Kafka
  readonly topic: string
  /** Each consumer instance joins a group of its own, named `${groupIdPrefix}-<uuid>`. */
  readonly groupIdPrefix: string
  /** Where to resume each partition; the applier advances it. */
  readonly tracker: OffsetTracker<unknown>
  /**
   * Applies the records of one partition, in offset order, all at or after `tracker.next(partition)`,
   * and advances the tracker past them. Never called concurrently.
   */
  readonly apply: (partition: number, messages: ReadonlyArray<KafkaMessage>) => Effect.Effect<void, EventLogFailure>
  readonly tuning?: Pick<ConsumerConfig, "maxBytesPerPartition" | "maxBytes">
}

// How long stopping waits for a consumer that is still connecting or joining its group.
const stopWaitMs = 15_000

/** Resolves when `promise` settles or after `ms`, whichever is first, leaving no timer behind. */
const settledWithin = (promise: Promise<unknown>, ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    void promise.finally(() => {
      clearTimeout(timer)
      resolve()
    })
  })

const restartDelayMs = (failures: number): number => Math.min(250 * 2 ** Math.min(failures, 5), 5_000)

/**
 * The one consumer loop of a store, for the life of the scope: it reads every partition of `topic`
 * in order from where the tracker says, whatever happens to the brokers.
 *
 * kafkajs only consumes through a consumer group, and a group would share the partitions among
 * instances and keep offsets of its own; a replica needs every partition and keeps its offsets
 * itself (in the same transaction as the data). So each consumer joins a group of its own, commits
 * nothing, and on every assignment seeks each partition to the tracker's next offset; records
 * below it, fetched before a seek took effect, are skipped.
 *
 * kafkajs restarts a crashed consumer in the same group, where the dead member can hold the
 * partitions until its session times out. Instead a crash here ends that consumer and a new one
 * (a new group) starts after a backoff, so a broker restart costs seconds, not a session timeout.
 *
 * The consumer starts in the background: joining a new group takes the broker's
 * `group.initial.rebalance.delay.ms` (3 s by default), and a store whose replica is already at
 * the high watermark need not wait for it to be ready (see awaitBacklog.ts for when it must).
 */
export const runReplayConsumer = (options: ReplayConsumerOptions): Effect.Effect<void, never, Scope.Scope> =>
  Effect.gen(function*() {
    const { kafka, topic, tracker } = options
    const context = yield* Effect.context<never>()
    const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromiseWith(context)(effect)
    let stopped = false
    let starting: Promise<void> = Promise.resolve()
    let current: Consumer | undefined
    let restartTimer: ReturnType<typeof setTimeout> | undefined
    let failures = 0

    const restartLater = (consumer: Consumer, reason: unknown) => {
      // Only the live consumer restarts the loop: a late report from an old one must never start a second applier.
      if (current !== consumer) return
      current = undefined
      if (stopped) return
      const delay = restartDelayMs(failures++)
      const message = reason instanceof Error ? reason.message : String(reason)
      void run(Effect.logWarning(`the consumer of ${topic} stopped (${message}); starting a new one in ${delay} ms`))
      restartTimer = setTimeout(() => {
        restartTimer = undefined
        starting = start()
      }, delay)
    }

    const eachBatch = async ({ batch, heartbeat }: { batch: { partition: number; messages: Array<KafkaMessage> }; heartbeat: () => Promise<void> }) => {
      const next = tracker.next(batch.partition)
      const fresh = batch.messages.filter((message) => Number(message.offset) >= next)
      if (fresh.length > 0) {
        await run(options.apply(batch.partition, fresh).pipe(
          Effect.tapCause((cause) => Effect.logWarning(`applying ${topic}/${batch.partition}@${fresh[0]!.offset} failed; kafkajs retries the batch`, cause))
        ))
      }
      failures = 0
      await heartbeat()
    }

    const start = async (): Promise<void> => {
      if (stopped) return
      const consumer = kafka.consumer({
        groupId: `${options.groupIdPrefix}-${randomUUID()}`,
        // A crash ends this consumer; restartLater starts a fresh one (see above).
        retry: { initialRetryTime: 100, maxRetryTime: 2_000, retries: 8, restartOnFailure: async () => false },
        sessionTimeout: 10_000,
        heartbeatInterval: 1_000,
        // Bounds how long stopping waits for an idle fetch; new records still arrive at once.
        maxWaitTimeInMs: 500,
        ...options.tuning
      })
      current = consumer
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        for (const partition of payload.memberAssignment[topic] ?? []) {
          consumer.seek({ topic, partition, offset: String(tracker.next(partition)) })
        }
      })
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) restartLater(consumer, payload.error)
      })
      try {
        await consumer.connect()
        if (!stopped) await consumer.subscribe({ topics: [topic], fromBeginning: true })
        if (!stopped) await consumer.run({ autoCommit: false, partitionsConsumedConcurrently: 1, eachBatch })
      } catch (error) {
        await consumer.disconnect().catch(() => undefined)
        restartLater(consumer, error)
      }
    }

    yield* Effect.acquireRelease(
      Effect.sync(() => {
        starting = start()
      }),
      () =>
        Effect.promise(async () => {
          stopped = true
          clearTimeout(restartTimer)
          // A start in progress (connecting, joining) finishes first, so that nothing connects after this.
          await settledWithin(starting, stopWaitMs)
          await current?.disconnect().catch(() => undefined)
        })
    )
  })
