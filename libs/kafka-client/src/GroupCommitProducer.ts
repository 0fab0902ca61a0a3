import { Effect, type Scope } from "effect"
import { type Kafka, Partitioners, type Producer, type RecordMetadata } from "kafkajs"
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

/** Writes messages with acks=all; a write succeeds once the brokers acknowledged all of its messages. */
export interface GroupCommitProducer {
  /**
   * Fails with KafkaKmsFailure within the deadline of real time. A write that failed may still
   * land later (a timed-out request the broker did execute): callers treat its outcome as unknown.
   * `what` names the write in failures ("an append to k1"); default none.
   */
  send(messages: ReadonlyArray<OutgoingMessage>, what?: string): Effect.Effect<void, KafkaKmsFailure>
  /**
   * `send`, answering each message's offset: known for a message that names its partition, when
   * every message of its topic in the same request named one; otherwise undefined.
   */
  sendWithOffsets(messages: ReadonlyArray<OutgoingMessage>, what?: string): Effect.Effect<ReadonlyArray<number | undefined>, KafkaKmsFailure>
}

export interface GroupCommitProducerOptions {
  readonly timeoutMs: number
  /** kafkajs's idempotent producer (the broker drops the duplicates of a retried batch); see below. */
  readonly idempotent: boolean
}

interface Pending {
  readonly messages: ReadonlyArray<OutgoingMessage>
  readonly what: string | undefined
  readonly settle: (outcome: Effect.Effect<ReadonlyArray<number | undefined>, KafkaKmsFailure>) => void
  abandoned: boolean
}

// One produce request carries at most this many messages; the rest go in the next.
const MAX_BATCH_MESSAGES = 4_000

/**
 * Offsets of a request's messages: per partition, the broker's base offset plus the message's rank
 * within it (kafkajs keeps the order of a partition's messages). A topic with a message that left
 * its partition to the partitioner gets none: the ranks of the others are unknown then.
 */
const offsetsOf = (batch: ReadonlyArray<Pending>, metadata: ReadonlyArray<RecordMetadata>): Array<Array<number | undefined>> => {
  const next = new Map(metadata.map((m) => [`${m.topicName}/${m.partition}`, Number(m.baseOffset)]))
  const unranked = new Set(batch.flatMap(({ messages }) => messages.filter((message) => message.partition === undefined).map(({ topic }) => topic)))
  return batch.map(({ messages }) =>
    messages.map(({ topic, partition }) => {
      if (partition === undefined || unranked.has(topic)) return undefined
      const at = `${topic}/${partition}`
      const offset = next.get(at)
      if (offset === undefined || !Number.isSafeInteger(offset)) return undefined
      next.set(at, offset + 1)
      return offset
    })
  )
}

/**
 * A producer with one request in flight (a retry cannot reorder messages) and acks from every
 * in-sync replica (kafkajs docs, "Producing Messages": acks -1), group-committed: whatever was
 * submitted while a request was in flight goes out together in the next one. Nothing waits to
 * fill a batch (no linger), so a lone message costs one round trip and a burst costs one round trip
 * per few thousand messages; writes whose caller gave up before their turn are not sent at all.
 * Every message that names its partition bypasses the partitioner; the default one is set for
 * those that do not (and to silence kafkajs's warning about its default).
 *
 * Idempotent or not is the caller's choice, and its retries are bounded (kafkaConnection.ts),
 * although kafkajs warns that this weakens an idempotent producer: a write the caller gave up on
 * should not land minutes later. kafkajs 2.2.4 also rolls a partition's sequence number back
 * whenever a produce fails, even when the broker did append the batch (a response lost to a broker
 * restart, a timeout): the next batch then reuses those numbers, and the broker either
 * acknowledges it as a duplicate without storing it — a silently lost message — or refuses every
 * later batch of the partition as out of order. So the request worker and KafkaKmsClient write
 * NOT idempotently, and their protocol absorbs a message written twice (requests and results are
 * keyed by correlation id, a second reply is ignored); the Kafka stores write idempotently and check
 * that the record at the acknowledged offset is their own (event-log-kafka's kafkaAppend.ts).
 */
export const connectGroupCommitProducer = (
  kafka: Kafka,
  options: GroupCommitProducerOptions
): Effect.Effect<GroupCommitProducer, KafkaKmsFailure, Scope.Scope> =>
  Effect.gen(function*() {
    const { timeoutMs, idempotent } = options
    const producer: Producer = yield* Effect.acquireRelease(
      Effect.suspend(() => {
        const producer = kafka.producer({ idempotent, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner })
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
          const metadata = await producer.sendBatch({
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
          const offsets = offsetsOf(batch, metadata)
          batch.forEach((pending, i) => pending.settle(Effect.succeed(offsets[i]!)))
        } catch (cause) {
          const what = batch.length === 1 && batch[0]!.what !== undefined ? batch[0]!.what : `${batch.length} messages`
          const failure = KafkaKmsFailure.during(`writing ${what} to ${[...byTopic.keys()].join(", ")}`, cause)
          for (const pending of batch) pending.settle(Effect.fail(failure))
        }
      }
      sending = false
    }

    const sendWithOffsets = (messages: ReadonlyArray<OutgoingMessage>, what?: string): Effect.Effect<ReadonlyArray<number | undefined>, KafkaKmsFailure> =>
      messages.length === 0 ? Effect.succeed([]) : Effect.callback<ReadonlyArray<number | undefined>, KafkaKmsFailure>((resume) => {
        const pending: Pending = { messages, what, settle: resume, abandoned: false }
        queue.push(pending)
        if (!sending) void sendQueued()
        return Effect.sync(() => {
          pending.abandoned = true
        })
      }).pipe(
        wallClockDeadline(timeoutMs, () =>
          new KafkaKmsFailure({
            message: `writing ${what === undefined ? "" : `${what} `}to ${messages[0]!.topic}: not acknowledged by the Kafka brokers within ${timeoutMs / 1000} s`
          }))
      )

    return { send: (messages, what) => Effect.asVoid(sendWithOffsets(messages, what)), sendWithOffsets }
  })
