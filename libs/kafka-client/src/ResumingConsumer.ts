import { randomUUID } from "node:crypto"
import { Effect, type Scope } from "effect"
import type { Consumer, Kafka, KafkaMessage } from "kafkajs"

export interface ResumingConsumerOptions {
  readonly kafka: Kafka
  readonly topic: string
  /** Each consumer instance joins a group of its own, `${groupIdPrefix}-<uuid>`. */
  readonly groupIdPrefix: string
  /** Where each partition starts; a partition not listed starts at 0. */
  readonly startOffsets: ReadonlyArray<number>
  /** Takes one partition's new messages, in offset order. Synchronous: it must not throw. */
  readonly onMessages: (partition: number, messages: ReadonlyArray<KafkaMessage>) => void
  /** Named in the one warning logged when the consumer stops and is replaced. */
  readonly purpose: string
}

export interface ResumingConsumer {
  /** Completes once each partition has been read up to `targets[partition]` (exclusive). */
  reached(targets: ReadonlyArray<number>): Effect.Effect<void>
}

// How long stopping waits for a consumer that is still connecting or joining its group.
const stopWaitMs = 15_000

const restartDelayMs = (failures: number): number => Math.min(250 * 2 ** Math.min(failures, 5), 5_000)

const settledWithin = (promise: Promise<unknown>, ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    void promise.finally(() => {
      clearTimeout(timer)
      resolve()
    })
  })

/**
 * Reads every partition of a topic from given offsets for the life of the scope, whatever happens
 * to the brokers, committing nothing. kafkajs consumes only through a group, so each consumer
 * joins a group of its own and, on every assignment, seeks each partition to the next offset it
 * has not yet handed over. A crashed consumer is replaced by a new one in a new group after a
 * backoff (kafkajs's own restart rejoins the old group, where the dead member can hold the
 * partitions until its session times out). The same pattern as @trent/event-log-kafka's replica.
 */
export const runResumingConsumer = (options: ResumingConsumerOptions): Effect.Effect<ResumingConsumer, never, Scope.Scope> =>
  Effect.gen(function*() {
    const { kafka, topic } = options
    const context = yield* Effect.context<never>()
    const next = [...options.startOffsets]
    const nextOf = (partition: number) => next[partition] ?? 0
    const waiters = new Set<{ readonly targets: ReadonlyArray<number>; readonly done: () => void }>()
    let stopped = false
    let starting: Promise<void> = Promise.resolve()
    let current: Consumer | undefined
    let restartTimer: ReturnType<typeof setTimeout> | undefined
    let failures = 0

    const isReached = (targets: ReadonlyArray<number>) => targets.every((target, partition) => nextOf(partition) >= target)
    const wakeWaiters = () => {
      for (const waiter of waiters) {
        if (isReached(waiter.targets)) {
          waiters.delete(waiter)
          waiter.done()
        }
      }
    }

    const restartLater = (consumer: Consumer, reason: unknown) => {
      if (current !== consumer) return
      current = undefined
      if (stopped) return
      const delay = restartDelayMs(failures++)
      const message = reason instanceof Error ? reason.message : String(reason)
      Effect.runForkWith(context)(Effect.logWarning(`the consumer of ${options.purpose} (${topic}) stopped (${message}); starting a new one in ${delay} ms`))
      restartTimer = setTimeout(() => {
        restartTimer = undefined
        starting = start()
      }, delay)
    }

    const eachBatch = async ({ batch, heartbeat }: { batch: { partition: number; messages: Array<KafkaMessage> }; heartbeat: () => Promise<void> }) => {
      const from = nextOf(batch.partition)
      const fresh = batch.messages.filter((message) => Number(message.offset) >= from)
      if (fresh.length > 0) {
        options.onMessages(batch.partition, fresh)
        next[batch.partition] = Number(fresh[fresh.length - 1]!.offset) + 1
        wakeWaiters()
      }
      failures = 0
      await heartbeat()
    }

    const start = async (): Promise<void> => {
      if (stopped) return
      const consumer = kafka.consumer({
        groupId: `${options.groupIdPrefix}-${randomUUID()}`,
        retry: { initialRetryTime: 100, maxRetryTime: 2_000, retries: 8, restartOnFailure: async () => false },
        sessionTimeout: 10_000,
        heartbeatInterval: 1_000,
        // Bounds how long stopping waits for an idle fetch; new messages still arrive at once.
        maxWaitTimeInMs: 200
      })
      current = consumer
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        for (const partition of payload.memberAssignment[topic] ?? []) consumer.seek({ topic, partition, offset: String(nextOf(partition)) })
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
          await settledWithin(starting, stopWaitMs)
          await current?.disconnect().catch(() => undefined)
        })
    )

    const reached = (targets: ReadonlyArray<number>): Effect.Effect<void> =>
      Effect.callback<void>((resume) => {
        if (isReached(targets)) return resume(Effect.void)
        const waiter = { targets, done: () => resume(Effect.void) }
        waiters.add(waiter)
        return Effect.sync(() => void waiters.delete(waiter))
      })

    return { reached }
  })
