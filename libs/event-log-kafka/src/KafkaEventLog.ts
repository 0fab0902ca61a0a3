import { randomUUID } from "node:crypto"
import { existsSync } from "node:fs"
import { EventLog, EventLogFailure, makeSqliteReplica, type ReplicaCheckpoint } from "@trent/event-log"
import { Effect, Layer, type Scope } from "effect"
import type { Admin } from "kafkajs"
import { awaitBacklog } from "./awaitBacklog.ts"
import { makeKafkaAppend } from "./kafkaAppend.ts"
import { makeKafkaConnection } from "@trent/kafka-client"
import type { KafkaLogStats } from "./KafkaLogStats.ts"
import { type KafkaStoreOptions, resolveKafkaStoreOptions, type ResolvedKafkaStoreOptions } from "./KafkaStoreOptions.ts"
import { makeOffsetTracker } from "./OffsetTracker.ts"
import { connectProducer } from "./RecordProducer.ts"
import { runReplayConsumer } from "./ReplayConsumer.ts"
import { makeReplicaApplier, type RecordOutcome } from "./ReplicaApplier.ts"
import { connectAdmin, ensureTopic, type PartitionOffsets, topicOffsets } from "./topicSetup.ts"

/** An EventLog on Kafka, with what tests and metrics want to know about it. */
export interface KafkaEventLog {
  readonly eventLog: EventLog["Service"]
  /** This instance's writer identity in claim and append records (new at every start). */
  readonly writerId: string
  readonly stats: () => KafkaLogStats
  /**
   * Completes once this replica has applied everything written to the topic before the call (the
   * high watermarks read now): after it, reads see every append acknowledged to anyone by then.
   */
  readonly awaitTopicEnd: Effect.Effect<void, EventLogFailure>
  /**
   * Records on the topic this replica has not applied yet: the high watermarks read now (as
   * `awaitTopicEnd` reads them) less what the consumer has applied, over every partition.
   */
  readonly backlog: Effect.Effect<number, EventLogFailure>
  readonly startup: {
    /** False when a replica file was there to resume from. */
    readonly cold: boolean
    /** Records between the replica's checkpoints and the high watermarks at start. */
    readonly backlog: number
    /** Wall-clock time from the first connection to ready. */
    readonly millis: number
  }
}

/** The events topic: keyed by stream, never compacted, never expiring. */
const eventsTopicSpec = (options: ResolvedKafkaStoreOptions) => ({
  topic: options.eventsTopic,
  purpose: `the events topic of Region ${options.region}`,
  partitions: options.partitions,
  replicationFactor: options.replicationFactor,
  required: { "cleanup.policy": "delete", "retention.ms": "-1", "retention.bytes": "-1" },
  tuning: {}
})

/**
 * Where the replica resumes each partition. Its checkpoint must lie within what the topic holds:
 * beyond the end means the topic was recreated under it, before the start means records it never
 * applied are gone — either way the replica cannot be completed, and serving it would be wrong.
 */
const resumeOffsets = (
  options: ResolvedKafkaStoreOptions,
  checkpoints: ReadonlyArray<ReplicaCheckpoint>,
  offsets: ReadonlyArray<PartitionOffsets>
): Effect.Effect<ReadonlyArray<number>, EventLogFailure> =>
  Effect.forEach(offsets, ({ partition, low, high }) => {
    const next = checkpoints.find((checkpoint) => checkpoint.partition === partition)?.nextOffset ?? 0
    const at = `${options.eventsTopic}/${partition}`
    if (next > high) {
      return Effect.fail(new EventLogFailure({
        message: `the replica ${options.replicaFile} has applied ${at} up to offset ${next}, but the topic ends at ${high}: ` +
          "the topic was recreated or truncated under it; remove the replica file to rebuild it from the topic"
      }))
    }
    if (next < low) {
      return Effect.fail(new EventLogFailure({
        message: `${at} no longer holds offsets ${next} to ${low - 1}, which the replica ${options.replicaFile} has not applied: ` +
          "the events topic must keep every record (retention.ms=-1)"
      }))
    }
    return Effect.succeed(next)
  })

/**
 * Builds a Region's EventLog on Kafka: ensures the topic, opens the replica, consumes every
 * partition from the replica's checkpoint up to the high watermark read at start — only then is it
 * ready — and keeps consuming for the scope's life. Reads are the replica's; `append` is kafkaAppend.ts.
 */
export const makeKafkaEventLog = (options: KafkaStoreOptions): Effect.Effect<KafkaEventLog, EventLogFailure, Scope.Scope> =>
  Effect.gen(function*() {
    const resolved = yield* Effect.try({ try: () => resolveKafkaStoreOptions(options), catch: (cause) => EventLogFailure.during("configuring the Kafka event log", cause) })
    const { eventsTopic: topic, partitions, requestTimeoutMs, region } = resolved
    const startedAt = performance.now()
    const kafka = yield* makeKafkaConnection(resolved)
    const offsetsNow = (prepare: (admin: Admin) => Effect.Effect<void, EventLogFailure>) =>
      Effect.scoped(Effect.gen(function*() {
        const admin = yield* connectAdmin(kafka, requestTimeoutMs)
        yield* prepare(admin)
        return yield* topicOffsets(admin, topic, requestTimeoutMs)
      }))
    const offsets = yield* offsetsNow((admin) => ensureTopic(admin, eventsTopicSpec(resolved), requestTimeoutMs))
    const cold = !existsSync(resolved.replicaFile)
    const replica = yield* makeSqliteReplica({ file: resolved.replicaFile, region, source: `kafka:${topic}/${partitions}` })
    const checkpoints = yield* replica.checkpoints
    const startOffsets = yield* resumeOffsets(resolved, checkpoints, offsets)
    const tracker = makeOffsetTracker<RecordOutcome>(startOffsets)
    const writerId = randomUUID()
    const applier = makeReplicaApplier({ replica, tracker, topic, partitions, writerId, checkpoints })
    const producer = yield* connectProducer(kafka, requestTimeoutMs)
    yield* runReplayConsumer({
      kafka,
      topic,
      groupIdPrefix: `${resolved.clientId}-replica`,
      startOffsets,
      tracker,
      apply: applier.apply,
      // Larger fetches than kafkajs's 1 MiB per partition make a cold start apply bigger transactions: each
      // commit writes every index page its inserts touched, so fewer, larger commits write far fewer pages.
      tuning: { maxBytesPerPartition: 32 * 1024 * 1024, maxBytes: 64 * 1024 * 1024 }
    })
    const targets = offsets.map(({ high }) => high)
    yield* awaitBacklog({ tracker, targets, topic, stallMs: resolved.catchUpStallMs })
    const millis = performance.now() - startedAt
    const backlog = targets.reduce((sum, high, partition) => sum + high - startOffsets[partition]!, 0)
    yield* Effect.logDebug(`${topic}: ready after ${Math.round(millis)} ms, ${cold ? "cold" : "warm"} start over ${backlog} records`)

    const { readStream, readAll, readReplay, head, follow, readState, listStates, dueStates } = replica
    const append = makeKafkaAppend({ producer, topic, partitions, writerId, requestTimeoutMs, replica, applier, tracker })
    return {
      eventLog: EventLog.of({ region, append, readStream, readAll, readReplay, head, follow, readState, listStates, dueStates }),
      writerId,
      stats: applier.stats,
      awaitTopicEnd: Effect.flatMap(offsetsNow(() => Effect.void), (now) =>
        awaitBacklog({ tracker, targets: now.map(({ high }) => high), topic, stallMs: resolved.catchUpStallMs })),
      backlog: Effect.map(offsetsNow(() => Effect.void), (now) =>
        now.reduce((sum, { partition, high }) => sum + Math.max(0, high - tracker.next(partition)), 0)),
      startup: { cold, backlog, millis }
    }
  })

/** The Region's EventLog on Kafka (see makeKafkaEventLog); released with the layer. */
export const kafkaEventLogLayer = (options: KafkaStoreOptions): Layer.Layer<EventLog, EventLogFailure> =>
  Layer.effect(EventLog, Effect.map(makeKafkaEventLog(options), (log) => log.eventLog))
