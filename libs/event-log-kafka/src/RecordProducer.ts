import { EventLogFailure } from "@trent/event-log"
import { connectGroupCommitProducer } from "@trent/kafka-client"
import { Effect, type Scope } from "effect"
import type { Kafka } from "kafkajs"
import { asEventLogFailure } from "./asEventLogFailure.ts"

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

/**
 * The producer of a store: @trent/kafka-client's group-committed producer (one request in
 * flight, acks from every in-sync replica), idempotent — the broker drops the duplicates of a
 * retried batch. Every record names its partition, so each learns its offset.
 *
 * Exactly-once application does not rest on the producer: replicas drop a duplicate append by its
 * expectedSeq and eventIds, and a writer checks that the record at its acknowledged offset is its own.
 */
export const connectProducer = (kafka: Kafka, timeoutMs: number): Effect.Effect<RecordProducer, EventLogFailure, Scope.Scope> =>
  Effect.map(asEventLogFailure(connectGroupCommitProducer(kafka, { timeoutMs, idempotent: true })), (producer) => ({
    send: ({ topic, partition, key, value, what }) =>
      asEventLogFailure(producer.sendWithOffsets([{ topic, partition, key, value }], what)).pipe(
        Effect.flatMap(([offset]) =>
          offset === undefined
            ? Effect.fail(new EventLogFailure({ message: `writing ${what} to ${topic}: the broker acknowledged no offset` }))
            : Effect.succeed(offset)
        )
      )
  }))
