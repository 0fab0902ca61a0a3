import { EventLogFailure, Keyvault, needsKeyId, needsWrappedKek } from "@trent/event-log"
import { Effect, Layer, Option, type Scope } from "effect"
import type { KafkaMessage } from "kafkajs"
import { awaitBacklog } from "./awaitBacklog.ts"
import { makeKafkaConnection } from "@trent/kafka-client"
import { type KafkaStoreOptions, resolveKafkaStoreOptions, type ResolvedKafkaStoreOptions } from "./KafkaStoreOptions.ts"
import { makeOffsetTracker } from "./OffsetTracker.ts"
import { connectProducer } from "./RecordProducer.ts"
import { runReplayConsumer } from "./ReplayConsumer.ts"
import { connectAdmin, ensureTopic, topicOffsets } from "./topicSetup.ts"
import { wallClockDeadline } from "@trent/kafka-client"

/**
 * The keyvault topic, compacted: Kafka keeps the latest record of each key id, and a `remove`
 * writes a tombstone (a null value) that makes the KEK's earlier records garbage.
 *
 * What "removed" means on Kafka. The moment `remove` returns, no Trent instance can read the KEK
 * any more: every consumer applies the tombstone, and one started later never sees the KEK at all
 * once compaction ran (and until then sees the put, then the tombstone). The KEK's bytes stay in
 * the broker's log files until the log cleaner rewrites their segment: the active segment is never
 * cleaned, so `segment.ms` = `max.compaction.lag.ms` (the `keyvaultCompactionLagMs` option, one
 * hour by default) bounds how long it stays active — the roll happens on the next write after that
 * age — and `min.cleanable.dirty.ratio=0.01` makes the cleaner take the topic as soon as any record
 * is superseded. The cleaner runs every `log.cleaner.backoff.ms` (a broker setting, 15 s by default).
 * The tombstone itself, a key id without bytes, is dropped after `delete.retention.ms` (one day),
 * long enough for any running consumer to have seen it. Copies outside the broker's log directory
 * (follower replicas are cleaned alike; backups and the disk's own remnants are not) are out of
 * Kafka's reach: that is why KEKs are stored wrapped under the root key, which never enters Kafka.
 */
const keyvaultTopicSpec = (options: ResolvedKafkaStoreOptions) => {
  const lag = String(options.keyvaultCompactionLagMs)
  return {
    topic: options.keyvaultTopic,
    purpose: `the keyvault topic of Region ${options.region}`,
    // One partition: the vault is small, and one ordered log keeps a put and a later remove in order.
    partitions: 1,
    replicationFactor: options.replicationFactor,
    required: { "cleanup.policy": "compact" },
    tuning: { "min.cleanable.dirty.ratio": "0.01", "segment.ms": lag, "max.compaction.lag.ms": lag, "delete.retention.ms": "86400000" }
  }
}

/**
 * A Region's Keyvault on Kafka: reads come from a map in memory that a consumer of the keyvault
 * topic keeps current (loaded to the high watermark before the layer is ready); `put` and `remove`
 * return once the record is acknowledged by all in-sync replicas AND applied to that map, so a
 * `get` right after sees them. Like the memory adapter, it holds copies and zeroes what it drops.
 */
export const makeKafkaKeyvault = (options: KafkaStoreOptions): Effect.Effect<Keyvault["Service"], EventLogFailure, Scope.Scope> =>
  Effect.gen(function*() {
    const resolved = yield* Effect.try({ try: () => resolveKafkaStoreOptions(options), catch: (cause) => EventLogFailure.during("configuring the Kafka keyvault", cause) })
    const { keyvaultTopic: topic, requestTimeoutMs } = resolved
    const kafka = yield* makeKafkaConnection(resolved)
    const offsets = yield* Effect.scoped(Effect.gen(function*() {
      const admin = yield* connectAdmin(kafka, requestTimeoutMs)
      yield* ensureTopic(admin, keyvaultTopicSpec(resolved), requestTimeoutMs)
      return yield* topicOffsets(admin, topic, requestTimeoutMs)
    }))
    const keks = new Map<string, Uint8Array>()
    const drop = (keyId: string) => {
      keks.get(keyId)?.fill(0)
      keks.delete(keyId)
    }
    const startOffsets = offsets.map(({ low }) => low)
    const tracker = makeOffsetTracker<never>(startOffsets)
    const apply = (partition: number, messages: ReadonlyArray<KafkaMessage>) =>
      Effect.sync(() => {
        for (const { key, value } of messages) {
          if (key === null) continue
          const keyId = key.toString("utf8")
          drop(keyId)
          if (value !== null) keks.set(keyId, Uint8Array.from(value))
        }
        tracker.advance(partition, Number(messages.at(-1)!.offset) + 1, [])
      })
    const producer = yield* connectProducer(kafka, requestTimeoutMs)
    yield* runReplayConsumer({ kafka, topic, groupIdPrefix: `${resolved.clientId}-keyvault`, startOffsets, tracker, apply })
    yield* awaitBacklog({ tracker, targets: offsets.map(({ high }) => high), topic, stallMs: resolved.catchUpStallMs })

    const write = (keyId: string, value: Buffer | null, what: string) =>
      Effect.gen(function*() {
        const offset = yield* producer.send({ topic, partition: 0, key: keyId, value, what })
        yield* tracker.reached(0, offset + 1).pipe(
          wallClockDeadline(requestTimeoutMs, () =>
            new EventLogFailure({ message: `${what}: written to ${topic} but not applied by this instance within ${requestTimeoutMs / 1000} s` }))
        )
      })

    return Keyvault.of({
      put: Effect.fn("Keyvault.put")(function*(keyId: string, wrappedKek: Uint8Array) {
        needsKeyId(keyId)
        needsWrappedKek(wrappedKek)
        yield* write(keyId, Buffer.from(wrappedKek), `the KEK of ${keyId}`)
      }),
      get: Effect.fn("Keyvault.get")((keyId: string) =>
        Effect.sync(() => {
          needsKeyId(keyId)
          return Option.map(Option.fromUndefinedOr(keks.get(keyId)), (kek) => Uint8Array.from(kek))
        })
      ),
      remove: Effect.fn("Keyvault.remove")(function*(keyId: string) {
        needsKeyId(keyId)
        yield* write(keyId, null, `the tombstone of ${keyId}'s KEK`)
      }),
      ids: Effect.fn("Keyvault.ids")(() => Effect.sync(() => [...keks.keys()].sort()))
    })
  })

/** The Region's Keyvault on Kafka (see makeKafkaKeyvault); released with the layer. */
export const kafkaKeyvaultLayer = (options: KafkaStoreOptions): Layer.Layer<Keyvault, EventLogFailure> =>
  Layer.effect(Keyvault, makeKafkaKeyvault(options))
