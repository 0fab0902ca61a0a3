import { createServer } from "node:net"
import { it } from "@effect/vitest"
import { sampleAppend } from "@trent/event-log/testing"
// A broker of this file's own, to freeze and restart without disturbing the other test files.
import { type KafkaBroker, startKafka } from "@trent/kafka-broker"
import { Effect, Exit, Option, Schedule } from "effect"
import { afterAll, beforeAll, describe, expect } from "vitest"
import { type KafkaEventLog, makeKafkaEventLog } from "./KafkaEventLog.ts"
import { makeKafkaKeyvault } from "./KafkaKeyvault.ts"
import type { KafkaStoreOptions } from "./KafkaStoreOptions.ts"
import { expectSoundReplica, replicaSnapshot, replicatedPart } from "./replicaSnapshot.test-support.ts"
import { testStores } from "./testKafka.test-support.ts"

const stores = testStores("outage")
const requestTimeoutMs = 3_000
let broker: KafkaBroker

beforeAll(async () => {
  broker = await startKafka()
}, 180_000)
afterAll(async () => {
  await broker?.stop()
})

const onOwnBroker = (overrides: Partial<KafkaStoreOptions> = {}) => stores.fresh({ brokers: [broker.brokers], requestTimeoutMs, ...overrides })

/** Appends one event at the stream's end as its replica holds it (a reload, as the runtime does after a failure). */
const appendNext = (log: KafkaEventLog, streamId: string, n: number) =>
  Effect.gen(function*() {
    const seq = Option.match(yield* log.eventLog.readState(streamId), { onNone: () => 0, onSome: (state) => state.seq })
    return yield* log.eventLog.append(sampleAppend(streamId, seq, n))
  })

/** A TCP port on which nothing listens. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 1))
    })
  })

const elapsed = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const started = performance.now()
    const exit = yield* Effect.exit(effect)
    return { exit, millis: performance.now() - started }
  })

describe("the Kafka stores when the broker fails", () => {
  it.live("fail to start with EventLogFailure, not a hang, when no broker answers", () =>
    Effect.gen(function*() {
      const options = stores.fresh({ brokers: [`127.0.0.1:${yield* Effect.promise(closedPort)}`], requestTimeoutMs: 2_000 })
      for (const start of [Effect.asVoid(makeKafkaEventLog(options)), Effect.asVoid(makeKafkaKeyvault(options))]) {
        const { exit, millis } = yield* elapsed(Effect.scoped(start))
        expect(Exit.isFailure(exit) && exit.cause.toString()).toMatch(/EventLogFailure.*connecting/s)
        expect(millis).toBeLessThan(8_000)
      }
    }))

  it.live("fail appends and KEK writes within the deadline while the broker is frozen, then work again once it resumes", () =>
    Effect.gen(function*() {
      const options = onOwnBroker()
      const log = yield* makeKafkaEventLog(options)
      const vault = yield* makeKafkaKeyvault(options)
      yield* appendNext(log, "k1", 1)

      process.kill(broker.pid, "SIGSTOP")
      const frozen = yield* Effect.all([
        elapsed(Effect.asVoid(appendNext(log, "k1", 2))),
        elapsed(vault.put("k1", Uint8Array.of(1)))
      ], { concurrency: "unbounded" }).pipe(Effect.ensuring(Effect.sync(() => process.kill(broker.pid, "SIGCONT"))))
      for (const { exit, millis } of frozen) {
        expect(Exit.isFailure(exit) && exit.cause.toString()).toMatch(/EventLogFailure.*within 3 s/s)
        expect(millis).toBeLessThan(3 * requestTimeoutMs)
      }

      // The failed append's record may still have landed: reload and append again, as the runtime does.
      const after = yield* appendNext(log, "k1", 3).pipe(Effect.retry({ times: 5 }))
      expect(after[0]?.seq).toBeGreaterThanOrEqual(2)
      yield* vault.put("k2", Uint8Array.of(2))
      expect(yield* vault.get("k2")).toEqual(Option.some(Uint8Array.of(2)))
      expectSoundReplica(yield* replicaSnapshot(log.eventLog))
    }), 120_000)

  it.live("keep consuming across a broker restart: writes after it reach every replica, and writes before it survive", () =>
    Effect.gen(function*() {
      const options = onOwnBroker()
      const reader = yield* makeKafkaEventLog(options)
      const readerVault = yield* makeKafkaKeyvault(options)
      const writerOptions = stores.sameTopics(options)
      const writer = yield* makeKafkaEventLog(writerOptions)
      const writerVault = yield* makeKafkaKeyvault(writerOptions)
      for (let n = 1; n <= 5; n++) yield* appendNext(writer, `k${n % 2}`, n)

      yield* Effect.promise(() => broker.restart())

      // The writer's producer reconnects by itself; its first attempts may fail while metadata settles.
      for (let n = 6; n <= 10; n++) yield* appendNext(writer, `k${n % 2}`, n).pipe(Effect.retry({ times: 10 }))
      yield* writerVault.put("after-restart", Uint8Array.of(9)).pipe(Effect.retry({ times: 10 }))
      yield* reader.awaitTopicEnd.pipe(Effect.retry({ times: 10 }))
      const [fromReader, fromWriter] = [yield* replicaSnapshot(reader.eventLog), yield* replicaSnapshot(writer.eventLog)]
      expectSoundReplica(fromReader)
      expect(fromReader.eventCount).toBeGreaterThanOrEqual(10)
      expect(replicatedPart(fromReader)).toEqual(replicatedPart(fromWriter))
      // The reader's keyvault consumer is back too: it applies the put (polled: nothing tells it to wait).
      const seen = yield* readerVault.get("after-restart").pipe(
        Effect.flatMap((kek) => (Option.isSome(kek) ? Effect.succeed(kek) : Effect.fail("not yet"))),
        Effect.retry({ times: 150, schedule: Schedule.spaced("200 millis") })
      )
      expect(seen).toEqual(Option.some(Uint8Array.of(9)))
      // And the reader can write again, taking its partitions back.
      yield* appendNext(reader, "k0", 11).pipe(Effect.retry({ times: 10 }))
    }), 150_000)
})
