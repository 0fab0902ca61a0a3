import {
  type AppendInput,
  EventLogFailure,
  InvalidEventLogInput,
  type PreparedAppend,
  prepareAppend,
  SeqConflict,
  type SqliteReplica,
  type StoredEvent
} from "@trent/event-log"
import { Effect, Semaphore } from "effect"
import { appendFingerprint, claimFingerprint, encodeAppend, encodeClaim } from "./LogRecord.ts"
import type { OffsetTracker } from "./OffsetTracker.ts"
import type { RecordProducer } from "./RecordProducer.ts"
import type { RecordOutcome, ReplicaApplier } from "./ReplicaApplier.ts"
import { streamPartition } from "./streamPartition.ts"
import { wallClockDeadline } from "@trent/kafka-client"

export interface KafkaAppendOptions {
  readonly producer: RecordProducer
  readonly topic: string
  readonly partitions: number
  readonly writerId: string
  readonly requestTimeoutMs: number
  readonly replica: SqliteReplica
  readonly applier: ReplicaApplier
  readonly tracker: OffsetTracker<RecordOutcome>
}

// Claims lost to other writers in a row before the append gives up with SeqConflict (the caller retries).
const claimAttempts = 3

/**
 * `EventLog.append` over Kafka: one writer per partition, fenced by term.
 *
 * Appends to a partition are serialized in this process. To write, the instance must hold the
 * partition: it claims it (term = current + 1) and waits until its own consumer has applied the
 * claim and it is still the current one. It then checks the expectation against the replica
 * (SeqConflict without writing anything when stale), writes ONE append record with its term, and
 * waits until its consumer has applied that record: only then is the append acknowledged — durable
 * (acks=all) and in the replica. A record the replicas dropped (a newer claim fenced us, the stream
 * moved) is a SeqConflict; the caller reloads and retries, and the retry claims again.
 *
 * Whenever a write's fate is unknown (no acknowledgement in time, the wait for the consumer timed
 * out, the caller was interrupted), the next append re-claims first: once its claim is applied,
 * any earlier record of ours is either applied or, landing later with the old term, dropped.
 */
export const makeKafkaAppend = (options: KafkaAppendOptions): ((input: AppendInput) => Effect.Effect<ReadonlyArray<StoredEvent>, SeqConflict | EventLogFailure>) => {
  const { producer, topic, partitions, writerId, requestTimeoutMs, replica, applier, tracker } = options
  const locks = Array.from({ length: partitions }, () => Semaphore.makeUnsafe(1))
  const uncertain: Array<boolean> = Array.from({ length: partitions }, () => false)

  const holds = (partition: number) => !uncertain[partition] && applier.claim(partition).writerId === writerId

  /** Writes one record and waits until this replica applied it: its outcome, or EventLogFailure (fate unknown). */
  const write = (partition: number, record: { readonly key: string | null; readonly value: string; readonly fingerprint: string; readonly what: string }) =>
    Effect.gen(function*() {
      const { what } = record
      uncertain[partition] = true
      const offset = yield* producer.send({ topic, partition, key: record.key, value: record.value, what })
      const at = `${topic}/${partition}@${offset}`
      const outcome = yield* tracker.outcomeOf(partition, offset).pipe(
        wallClockDeadline(requestTimeoutMs, () =>
          new EventLogFailure({ message: `${what}: written to ${at} but not applied by this replica within ${requestTimeoutMs / 1000} s` }))
      )
      if (outcome?.fingerprint !== record.fingerprint) {
        return yield* new EventLogFailure({
          message: `${what}: the brokers acknowledged ${at}, which holds ${outcome?.fingerprint ?? "a record of another writer"}, ` +
            "not this record (a retried write of the client was taken for a duplicate); its fate is unknown"
        })
      }
      uncertain[partition] = false
      return { offset, outcome }
    })

  const conflict = (prepared: PreparedAppend) =>
    Effect.flatMap(replica.streamSeq(prepared.streamId), (actualSeq) =>
      Effect.fail(new SeqConflict({ streamId: prepared.streamId, expectedSeq: prepared.expectedSeq, actualSeq })))

  /** The checks the replicas would make, made first against our replica: nothing doomed is written. */
  const precheck = (prepared: PreparedAppend) =>
    Effect.gen(function*() {
      if ((yield* replica.streamSeq(prepared.streamId)) !== prepared.expectedSeq) return yield* conflict(prepared)
      const reused = yield* replica.storedEventId(prepared.events.map((event) => event.eventId))
      if (reused !== undefined) return yield* Effect.die(new InvalidEventLogInput({ message: `eventId ${reused} is already stored` }))
    })

  const claim = (partition: number) =>
    Effect.gen(function*() {
      for (let attempt = 1; attempt <= claimAttempts; attempt++) {
        const term = applier.claim(partition).term + 1
        const what = `a claim of partition ${partition} at term ${term}`
        yield* write(partition, { key: null, value: encodeClaim(term, writerId), fingerprint: claimFingerprint(term), what })
        if (holds(partition)) return true
      }
      return false
    })

  const appendHolding = (partition: number, input: AppendInput, prepared: PreparedAppend) =>
    Effect.gen(function*() {
      yield* precheck(prepared)
      if (!holds(partition)) {
        if (!(yield* claim(partition))) return yield* conflict(prepared)
        yield* precheck(prepared)
      }
      const term = applier.claim(partition).term
      const { offset, outcome } = yield* write(partition, {
        key: prepared.streamId,
        value: encodeAppend(term, writerId, input),
        fingerprint: appendFingerprint(prepared),
        what: `an append to ${prepared.streamId}`
      })
      switch (outcome._tag) {
        case "Applied":
          return outcome.events
        case "Dropped":
          if (outcome.reason === "fenced" || outcome.reason === "conflict") return yield* conflict(prepared)
          if (outcome.reason === "eventIdReused") return yield* Effect.die(new InvalidEventLogInput({ message: outcome.detail }))
          break
      }
      return yield* new EventLogFailure({
        message: `the append to ${prepared.streamId} at ${topic}/${partition}@${offset} ended as ${JSON.stringify(outcome)}`
      })
    })

  return Effect.fn("EventLog.append")(function*(input: AppendInput) {
    const prepared = prepareAppend(input)
    const partition = streamPartition(prepared.streamId, partitions)
    return yield* locks[partition]!.withPermits(1)(appendHolding(partition, input, prepared))
  })
}
