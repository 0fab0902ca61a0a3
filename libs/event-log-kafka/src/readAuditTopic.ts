import type { StoredAuditEntry } from "@trent/audit"
import { EventLogFailure } from "@trent/event-log"
import { Effect } from "effect"
import type { KafkaMessage } from "kafkajs"
import { awaitBacklog } from "./awaitBacklog.ts"
import { auditTopicChains } from "./auditTopicChains.ts"
import { makeKafkaConnection } from "@trent/kafka-client"
import { type KafkaStoreOptions, resolveKafkaStoreOptions } from "./KafkaStoreOptions.ts"
import { makeOffsetTracker } from "./OffsetTracker.ts"
import { runReplayConsumer } from "./ReplayConsumer.ts"
import { existingTopicOffsets } from "./topicSetup.ts"

/**
 * Every writer's audit chain in `<prefix>.<region>.audit` (KafkaAuditStore.ts), as the topic holds
 * it now: its one partition read from the start up to the high watermark read at the call, then
 * split by writer (auditTopicChains.ts). For `trent audit` on the Kafka store, where each server's
 * own audit file has only its own chain. Only reads: a missing topic is said, not created.
 */
export const readAuditTopic = (options: KafkaStoreOptions): Effect.Effect<Map<string, Array<StoredAuditEntry>>, EventLogFailure> =>
  Effect.scoped(Effect.gen(function*() {
    const resolved = yield* Effect.try({
      try: () => resolveKafkaStoreOptions(options),
      catch: (cause) => EventLogFailure.during("configuring the audit topic reader", cause)
    })
    const { auditTopic: topic, requestTimeoutMs } = resolved
    const kafka = yield* makeKafkaConnection(resolved)
    const offsets = yield* existingTopicOffsets(kafka, topic, resolved.brokers, requestTimeoutMs)
    const records: Array<KafkaMessage> = []
    const startOffsets = offsets.map(() => 0)
    const tracker = makeOffsetTracker<never>(startOffsets)
    yield* runReplayConsumer({
      kafka,
      topic,
      groupIdPrefix: `${resolved.clientId}-audit-reader`,
      startOffsets,
      tracker,
      apply: (partition, messages) =>
        Effect.sync(() => {
          records.push(...messages)
          tracker.advance(partition, Number(messages.at(-1)!.offset) + 1, [])
        })
    })
    yield* awaitBacklog({ tracker, targets: offsets.map(({ high }) => high), topic, stallMs: resolved.catchUpStallMs })
    // Past the watermark read at the call: a record produced since is left for the next reading.
    const high = offsets[0]?.high ?? 0
    return auditTopicChains(records.filter((record) => Number(record.offset) < high))
  }))
