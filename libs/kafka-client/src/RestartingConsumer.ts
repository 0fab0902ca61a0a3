import { Effect, type Scope } from "effect"
import type { Consumer, ConsumerConfig, ConsumerRunConfig, Kafka } from "kafkajs"
import { settledWithin } from "./settledWithin.ts"

export interface RestartingConsumerOptions {
  readonly kafka: Kafka
  readonly topic: string
  /** The group of each consumer started: one the servers share, or a new one every time. */
  readonly groupId: () => string
  /** kafkajs consumer settings besides the group and the retries (sessionTimeout, maxWaitTimeInMs…). */
  readonly config?: Omit<ConsumerConfig, "groupId" | "retry"> | undefined
  /** How the consumer runs; `eachBatch` resolving lets kafkajs fetch the partition again. */
  readonly run: Pick<ConsumerRunConfig, "autoCommit" | "eachBatchAutoResolve" | "partitionsConsumedConcurrently"> & {
    readonly eachBatch: NonNullable<ConsumerRunConfig["eachBatch"]>
  }
  /** A (re)join of the live consumer: the partitions of `topic` it now owns. */
  readonly onJoin: (consumer: Consumer, assigned: ReadonlyArray<number>) => void
  /** The live consumer owns its partitions no more: a rebalance began, it crashed, disconnected or stopped. */
  readonly onLost?: (() => void) | undefined
  /** Named in the one warning logged when a consumer stops and is replaced; default the topic. */
  readonly purpose?: string | undefined
  /**
   * On release, once a start in progress settled and before the live consumer (if any) leaves
   * the group: pause, drain, commit. It bounds its own steps.
   */
  readonly beforeLeave?: ((consumer: Consumer | undefined) => Promise<void>) | undefined
  /** How long stopping waits for a consumer that is still connecting or joining its group. */
  readonly stopWaitMs: number
}

export interface RestartingConsumer {
  /** The consumer running now; undefined between a stop and its replacement. */
  current(): Consumer | undefined
}

const restartDelayMs = (failures: number): number => Math.min(250 * 2 ** Math.min(failures, 5), 5_000)

/**
 * A kafkajs consumer of one topic for the life of the scope, whatever happens to the brokers.
 * kafkajs's own restart after a crash is off (`restartOnFailure` answers false: kafkajs docs,
 * "Consuming Messages", retry): it rejoins the same group, where a shared group's dead member can
 * hold the partitions until its session times out, and its stops are not all reported. Instead
 * every stop — a crash, or a failure to connect, subscribe or run — is logged once and a new
 * consumer starts after a backoff (250 ms doubling to 5 s, reset by a join or a batch handled).
 * Only the live consumer restarts the loop: a late report from an old one never starts a second.
 */
export const runRestartingConsumer = (options: RestartingConsumerOptions): Effect.Effect<RestartingConsumer, never, Scope.Scope> =>
  Effect.gen(function*() {
    const { kafka, topic } = options
    const context = yield* Effect.context<never>()
    let stopped = false
    let starting: Promise<void> = Promise.resolve()
    let current: Consumer | undefined
    let restartTimer: ReturnType<typeof setTimeout> | undefined
    let failures = 0

    const restartLater = (consumer: Consumer, reason: unknown) => {
      if (current !== consumer) return
      current = undefined
      if (stopped) return
      const delay = restartDelayMs(failures++)
      const message = reason instanceof Error ? reason.message : String(reason)
      const label = options.purpose === undefined ? topic : `${options.purpose} (${topic})`
      Effect.runForkWith(context)(Effect.logWarning(`the consumer of ${label} stopped (${message}); starting a new one in ${delay} ms`))
      restartTimer = setTimeout(() => {
        restartTimer = undefined
        starting = start()
      }, delay)
    }

    const eachBatch: RestartingConsumerOptions["run"]["eachBatch"] = async (payload) => {
      await options.run.eachBatch(payload)
      failures = 0
    }

    const start = async (): Promise<void> => {
      if (stopped) return
      const consumer = kafka.consumer({
        ...options.config,
        groupId: options.groupId(),
        retry: { initialRetryTime: 100, maxRetryTime: 2_000, retries: 8, restartOnFailure: async () => false }
      })
      current = consumer
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        failures = 0
        options.onJoin(consumer, payload.memberAssignment[topic] ?? [])
      })
      const { onLost } = options
      if (onLost !== undefined) {
        for (const lost of [consumer.events.REBALANCING, consumer.events.CRASH, consumer.events.DISCONNECT, consumer.events.STOP]) {
          consumer.on(lost, () => {
            if (current === consumer) onLost()
          })
        }
      }
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (payload.restart) return
        void consumer.disconnect().catch(() => undefined)
        restartLater(consumer, payload.error)
      })
      try {
        await consumer.connect()
        if (!stopped) await consumer.subscribe({ topics: [topic], fromBeginning: true })
        if (!stopped) await consumer.run({ ...options.run, eachBatch })
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
          await settledWithin(starting, options.stopWaitMs)
          await options.beforeLeave?.(current).catch(() => undefined)
          await current?.disconnect().catch(() => undefined)
        })
    )

    return { current: () => current }
  })
