import { EventLogFailure } from "@trent/event-log"
import { Effect, type Scope } from "effect"
import { type Kafka, Partitioners, type Producer, type RecordMetadata } from "kafkajs"
import { adminCall } from "./topicSetup.ts"
import { wallClockDeadline } from "./wallClock.ts"

export interface OutgoingRecord {
  readonly topic: string
  readonly partition: number
  readonly key: string | null
  readonly value: string | Buffer | null
  /** For error messages: "an append to k1", "the KEK of k1". */
  readonly what: string
}

/** Writes records with acks=all; each resolves with its offset once the brokers acknowledged it. */
export interface RecordProducer {
  /**
   * Fails with EventLogFailure within the deadline of real time. A write that failed may still
   * land later (a timed-out request the broker did execute): callers treat its outcome as unknown.
   */
  send(record: OutgoingRecord): Effect.Effect<number, EventLogFailure>
}

interface Pending {
  readonly record: OutgoingRecord
  readonly settle: (outcome: Effect.Effect<number, EventLogFailure>) => void
  abandoned: boolean
}

/** Offsets of a batch's records: per partition, the broker's base offset plus the record's rank within it. */
const offsetsOf = (batch: ReadonlyArray<Pending>, metadata: ReadonlyArray<RecordMetadata>): Array<number | undefined> => {
  const next = new Map(metadata.map((m) => [`${m.topicName}/${m.partition}`, Number(m.baseOffset)]))
  return batch.map(({ record }) => {
    const at = `${record.topic}/${record.partition}`
    const offset = next.get(at)
    if (offset === undefined || !Number.isSafeInteger(offset)) return undefined
    next.set(at, offset + 1)
    return offset
  })
}

/**
 * The producer of a store: idempotent (the broker drops the duplicates of a retried batch), one
 * request in flight (a retry cannot reorder records), acks from every in-sync replica. Every
 * record names its partition, so the client's partitioner is never asked (it is set only to
 * silence kafkajs's warning about its default).
 *
 * One request in flight would make writers to different partitions queue behind each other, one
 * round trip each; so writes are group-committed: whatever was submitted while a request was in
 * flight goes out together in the next one. Nothing waits to fill a batch, so a lone write costs
 * one round trip. Records whose caller gave up before their turn are not sent at all.
 *
 * Its retries are bounded (kafka-client's connection settings, kafkaConnection.ts), although kafkajs warns that
 * this weakens an idempotent producer: a write the store gave up on should not land minutes later.
 * Exactly-once application does not rest on the producer: replicas drop a duplicate append by its
 * expectedSeq and eventIds, and a writer checks that the record at its acknowledged offset is its own.
 */
export const connectProducer = (kafka: Kafka, timeoutMs: number): Effect.Effect<RecordProducer, EventLogFailure, Scope.Scope> =>
  Effect.gen(function*() {
    const producer: Producer = yield* Effect.acquireRelease(
      Effect.suspend(() => {
        const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner })
        return Effect.as(adminCall("connecting the producer to the Kafka brokers", timeoutMs, () => producer.connect()), producer)
      }),
      (producer) => Effect.promise(() => producer.disconnect().catch(() => undefined))
    )
    let queue: Array<Pending> = []
    let sending = false

    const sendQueued = async (): Promise<void> => {
      sending = true
      while (queue.length > 0) {
        const batch = queue.filter((pending) => !pending.abandoned)
        queue = []
        if (batch.length === 0) continue
        const topics = [...new Set(batch.map(({ record }) => record.topic))]
        const what = batch.length === 1 ? batch[0]!.record.what : `${batch.length} records`
        try {
          const metadata = await producer.sendBatch({
            acks: -1,
            timeout: timeoutMs,
            topicMessages: topics.map((topic) => ({
              topic,
              messages: batch.filter(({ record }) => record.topic === topic).map(({ record }) => ({ partition: record.partition, key: record.key, value: record.value }))
            }))
          })
          offsetsOf(batch, metadata).forEach((offset, i) =>
            batch[i]!.settle(offset === undefined
              ? Effect.fail(new EventLogFailure({ message: `writing ${batch[i]!.record.what} to ${batch[i]!.record.topic}: the broker acknowledged no offset` }))
              : Effect.succeed(offset)))
        } catch (cause) {
          const failure = EventLogFailure.during(`writing ${what} to ${topics.join(", ")}`, cause)
          for (const pending of batch) pending.settle(Effect.fail(failure))
        }
      }
      sending = false
    }

    const send = (record: OutgoingRecord): Effect.Effect<number, EventLogFailure> =>
      Effect.callback<number, EventLogFailure>((resume) => {
        const pending: Pending = { record, settle: resume, abandoned: false }
        queue.push(pending)
        if (!sending) void sendQueued()
        return Effect.sync(() => {
          pending.abandoned = true
        })
      }).pipe(
        wallClockDeadline(timeoutMs, () =>
          new EventLogFailure({ message: `writing ${record.what} to ${record.topic}: not acknowledged by the Kafka brokers within ${timeoutMs / 1000} s` }))
      )

    return { send }
  })
