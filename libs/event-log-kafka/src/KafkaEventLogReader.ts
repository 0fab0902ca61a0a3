import { randomUUID } from "node:crypto"
import { EventLogFailure, type EventLogReads, makeSqliteReplica } from "@trent/event-log"
import { Effect, type Scope } from "effect"
import { awaitBacklog } from "./awaitBacklog.ts"
import { makeKafkaConnection } from "@trent/kafka-client"
import { type KafkaStoreOptions, resolveKafkaStoreOptions } from "./KafkaStoreOptions.ts"
import { makeOffsetTracker } from "./OffsetTracker.ts"
import { runReplayConsumer } from "./ReplayConsumer.ts"
import { makeReplicaApplier, type RecordOutcome } from "./ReplicaApplier.ts"
import { existingTopicOffsets } from "./topicSetup.ts"

/**
 * A Region's events topic, read once from the start into a replica of the caller's (a scratch
 * file: `trent keys history` and `trent log inspect` on the Kafka store). The replica is built
 * by the server's own applier (ReplicaApplier.ts), so fenced, conflicting and repeated appends
 * are dropped exactly as every server drops them, and the reads answer what a server would. It
 * only reads: no topic is created (a wrong prefix or Region is said, not made), nothing is
 * produced, no writer claims a partition. Ready once every record written before the call is
 * applied; closed with the scope.
 */
export const openKafkaEventLogReader = (
  options: KafkaStoreOptions & { readonly replicaFile: string }
): Effect.Effect<EventLogReads, EventLogFailure, Scope.Scope> =>
  Effect.gen(function*() {
    const resolved = yield* Effect.try({
      try: () => resolveKafkaStoreOptions(options),
      catch: (cause) => EventLogFailure.during("configuring the Kafka event log reader", cause)
    })
    const { eventsTopic: topic, requestTimeoutMs, region } = resolved
    const kafka = yield* makeKafkaConnection(resolved)
    const offsets = yield* existingTopicOffsets(kafka, topic, resolved.brokers, requestTimeoutMs)
    const truncated = offsets.find(({ low }) => low > 0)
    if (truncated !== undefined) {
      return yield* new EventLogFailure({
        message: `${topic}/${truncated.partition} no longer holds offsets 0 to ${truncated.low - 1}: ` +
          "the events topic must keep every record (retention.ms=-1)"
      })
    }
    const partitions = offsets.length
    const replica = yield* makeSqliteReplica({ file: options.replicaFile, region, source: `kafka:${topic}/${partitions}` })
    const startOffsets = offsets.map(() => 0)
    const tracker = makeOffsetTracker<RecordOutcome>(startOffsets)
    const applier = makeReplicaApplier({ replica, tracker, topic, partitions, writerId: randomUUID(), checkpoints: [] })
    yield* runReplayConsumer({ kafka, topic, groupIdPrefix: `${resolved.clientId}-reader`, startOffsets, tracker, apply: applier.apply })
    yield* awaitBacklog({ tracker, targets: offsets.map(({ high }) => high), topic, stallMs: resolved.catchUpStallMs })
    const { readStream, readAll, readReplay, head, follow, readState, listStates, dueStates } = replica
    return { region, readStream, readAll, readReplay, head, follow, readState, listStates, dueStates }
  })
