import { rmSync } from "node:fs"
import { join } from "node:path"
import { it } from "@effect/vitest"
import { sampleAppend } from "@trent/event-log/testing"
import { Effect } from "effect"
import { Kafka, logLevel } from "kafkajs"
import { describe, expect } from "vitest"
import { type KafkaEventLog, makeKafkaEventLog } from "./KafkaEventLog.ts"
import type { KafkaStoreOptions } from "./KafkaStoreOptions.ts"
import { expectSoundReplica, replicaSnapshot, replicatedPart } from "./replicaSnapshot.test-support.ts"
import { testBrokers, testStores } from "./testKafka.test-support.ts"

const stores = testStores("recovery")

/** Runs `body` on a fresh instance of the store, closing it afterwards (a server's life). */
const withServer = <A>(options: KafkaStoreOptions, body: (log: KafkaEventLog) => Effect.Effect<A, unknown>) =>
  Effect.scoped(Effect.flatMap(makeKafkaEventLog(options), body))

/** Appends `count` single-event appends round-robin over `streams`, each at the stream's current end. */
const appendMany = (log: KafkaEventLog, streams: ReadonlyArray<string>, count: number, first: number) =>
  Effect.gen(function*() {
    for (let n = first; n < first + count; n++) {
      const streamId = streams[n % streams.length]!
      const seq = (yield* log.eventLog.readStream(streamId)).length
      yield* log.eventLog.append(sampleAppend(streamId, seq, n, 1, { state: { n }, dueAt: n }))
    }
  })

const streams = ["k1", "k2", "k3", "k4", "k5", "alias/a", "alias/b"]

describe("makeKafkaEventLog recovery", () => {
  it.live("a warm start reads only the tail written since, and a cold start without the replica rebuilds the same state", () =>
    Effect.gen(function*() {
      const first = stores.fresh()
      const written = yield* withServer(first, (log) =>
        Effect.gen(function*() {
          expect(log.startup).toMatchObject({ cold: true, backlog: 0 })
          yield* appendMany(log, streams, 40, 1)
          return yield* replicaSnapshot(log.eventLog)
        }))
      expectSoundReplica(written)
      expect(written.eventCount).toBe(40)

      // Restarted on its own replica: nothing to read.
      yield* withServer(first, (log) =>
        Effect.gen(function*() {
          expect(log.startup).toMatchObject({ cold: false, backlog: 0 })
          expect(log.stats().recordsConsumed).toBe(0)
          expect(replicatedPart(yield* replicaSnapshot(log.eventLog))).toEqual(replicatedPart(written))
        }))

      // Another server writes 9 appends (after claiming the partitions it writes to).
      const other = stores.sameTopics(first)
      const afterOther = yield* withServer(other, (log) =>
        Effect.gen(function*() {
          const before = log.stats()
          expect(before.recordsConsumed).toBeGreaterThan(40)
          yield* appendMany(log, streams, 9, 100)
          return { snapshot: yield* replicaSnapshot(log.eventLog), claims: log.stats().claimsAccepted - before.claimsAccepted }
        }))
      const tail = 9 + afterOther.claims

      // The first server comes back warm: it reads exactly those records.
      yield* withServer(first, (log) =>
        Effect.gen(function*() {
          expect(log.startup).toMatchObject({ cold: false, backlog: tail })
          expect(log.stats()).toMatchObject({ recordsConsumed: tail, appendsApplied: 9 })
          expect(replicatedPart(yield* replicaSnapshot(log.eventLog))).toEqual(replicatedPart(afterOther.snapshot))
        }))

      // Without its replica file, it rebuilds everything from offset 0.
      rmSync(join(first.dataDir, first.region, "kafka-replica.db"))
      yield* withServer(first, (log) =>
        Effect.gen(function*() {
          expect(log.startup.cold).toBe(true)
          expect(log.stats().recordsConsumed).toBe(log.startup.backlog)
          expect(log.stats().appendsApplied).toBe(49)
          const rebuilt = yield* replicaSnapshot(log.eventLog)
          expectSoundReplica(rebuilt)
          expect(replicatedPart(rebuilt)).toEqual(replicatedPart(afterOther.snapshot))
        }))
    }))

  it.live("refuses to start on a replica that is ahead of its topic (the topic was recreated under it)", () =>
    Effect.gen(function*() {
      const options = stores.fresh({ partitions: 1 })
      yield* withServer(options, (log) => appendMany(log, ["k1"], 3, 1))
      yield* Effect.promise(() => recreateEmpty(`${options.topicPrefix}.${options.region}.events`))
      const failure = yield* Effect.flip(Effect.scoped(makeKafkaEventLog(options)))
      expect(failure).toMatchObject({ _tag: "EventLogFailure" })
      expect(failure.message).toMatch(/has applied .*events\/0 up to offset 4, but the topic ends at 0: the topic was recreated or truncated/)
    }))
})

/** Deletes a topic and waits until it is gone (KRaft deletes asynchronously); the store recreates it empty. */
const recreateEmpty = async (topic: string) => {
  const admin = new Kafka({ clientId: "trent-recovery-test", brokers: [...testBrokers()], logLevel: logLevel.NOTHING }).admin()
  await admin.connect()
  try {
    await admin.deleteTopics({ topics: [topic] })
    for (let i = 0; i < 100 && (await admin.listTopics()).includes(topic); i++) await new Promise((r) => setTimeout(r, 100))
  } finally {
    await admin.disconnect()
  }
}
