import { Effect, type Scope } from "effect"
import { type Kafka, Partitioners, type Producer } from "kafkajs"
import { KafkaKmsFailure } from "./KafkaKmsErrors.ts"
import { adminCall } from "./topicSetup.ts"
import { wallClockDeadline } from "./wallClock.ts"

export interface OutgoingMessage {
  readonly topic: string
  /** Omitted: the Java client's default partitioner (murmur2 of the key; any partition without one). */
  readonly partition?: number | undefined
  readonly key: string | Buffer | null
  readonly value: string | Buffer | null
  readonly headers?: Readonly<Record<string, string>> | undefined
}

/** Writes messages with acks=all; `send` succeeds once the brokers acknowledged all of them. */
export interface GroupCommitProducer {
  /**
   * Fails with KafkaKmsFailure within the deadline of real time. A write that failed may still
   * land later (a timed-out request the broker did execute): callers treat its outcome as unknown.
   */
  send(messages: ReadonlyArray<OutgoingMessage>): Effect.Effect<void, KafkaKmsFailure>
}

interface Pending {
  readonly messages: ReadonlyArray<OutgoingMessage>
  readonly settle: (outcome: Effect.Effect<void, KafkaKmsFailure>) => void
  abandoned: boolean
}

// One produce request carries at most this many messages; the rest go in the next.
const MAX_BATCH_MESSAGES = 4_000

/**
 * A producer with one request in flight (a retry cannot reorder messages) and acks from every
 * in-sync replica, group-committed: whatever was submitted while a request was in flight goes out
 * together in the next one. Nothing waits to fill a batch (no linger), so a lone message costs one
 * round trip and a burst costs one round trip per few thousand messages — the batching that
 * replies and requests need without a latency floor.
 *
 * Deliberately NOT idempotent. kafkajs 2.2.4 rolls a partition's sequence number back whenever a
 * produce fails, even when the broker did append the batch (a response lost to a broker restart,
 * a timeout): the next batch then reuses those numbers, and the broker either acknowledges it as a
 * duplicate without storing it — a silently lost message — or refuses every later batch of the
 * partition as out of order. A plain producer may instead write a message twice, which this
 * protocol absorbs: requests and results are keyed by correlation id, and a second reply is ignored.
 */
export const connectGroupCommitProducer = (kafka: Kafka, timeoutMs: number): Effect.Effect<GroupCommitProducer, KafkaKmsFailure, Scope.Scope> =>
  Effect.gen(function*() {
    const producer: Producer = yield* Effect.acquireRelease(
      Effect.suspend(() => {
        const producer = kafka.producer({ idempotent: false, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner })
        return Effect.as(adminCall("connecting the producer to the Kafka brokers", timeoutMs, () => producer.connect()), producer)
      }),
      (producer) => Effect.promise(() => producer.disconnect().catch(() => undefined))
    )
    const queue: Array<Pending> = []
    let sending = false

    /** The oldest queued writes, up to MAX_BATCH_MESSAGES messages (at least one write), without those abandoned. */
    const takeBatch = (): Array<Pending> => {
      let cut = 0
      let count = 0
      while (cut < queue.length && (cut === 0 || count + queue[cut]!.messages.length <= MAX_BATCH_MESSAGES)) {
        count += queue[cut]!.messages.length
        cut++
      }
      return queue.splice(0, cut).filter((pending) => !pending.abandoned)
    }

    const sendQueued = async (): Promise<void> => {
      sending = true
      while (queue.length > 0) {
        const batch = takeBatch()
        if (batch.length === 0) continue
        const byTopic = new Map<string, Array<OutgoingMessage>>()
        for (const { messages } of batch) {
          for (const message of messages) {
            const list = byTopic.get(message.topic)
            if (list === undefined) byTopic.set(message.topic, [message])
            else list.push(message)
          }
        }
        try {
          await producer.sendBatch({
            acks: -1,
            timeout: timeoutMs,
            topicMessages: [...byTopic].map(([topic, messages]) => ({
              topic,
              messages: messages.map(({ partition, key, value, headers }) => ({
                ...(partition === undefined ? {} : { partition }),
                key,
                value,
                ...(headers === undefined ? {} : { headers: { ...headers } })
              }))
            }))
          })
          for (const pending of batch) pending.settle(Effect.void)
        } catch (cause) {
          const failure = KafkaKmsFailure.during(`writing ${batch.length} messages to ${[...byTopic.keys()].join(", ")}`, cause)
          for (const pending of batch) pending.settle(Effect.fail(failure))
        }
      }
      sending = false
    }

    const send = (messages: ReadonlyArray<OutgoingMessage>): Effect.Effect<void, KafkaKmsFailure> =>
      messages.length === 0 ? Effect.void : Effect.callback<void, KafkaKmsFailure>((resume) => {
        const pending: Pending = { messages, settle: resume, abandoned: false }
        queue.push(pending)
        if (!sending) void sendQueued()
        return Effect.sync(() => {
          pending.abandoned = true
        })
      }).pipe(
        wallClockDeadline(timeoutMs, () =>
          new KafkaKmsFailure({ message: `writing to ${messages[0]!.topic}: not acknowledged by the Kafka brokers within ${timeoutMs / 1000} s` }))
      )

    return { send }
  })
