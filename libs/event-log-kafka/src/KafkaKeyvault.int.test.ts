import { randomBytes } from "node:crypto"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { it } from "@effect/vitest"
import { Keyvault } from "@trent/event-log"
import { keyvaultContract } from "@trent/event-log/testing"
import { Effect, Option } from "effect"
import { describe, expect, inject } from "vitest"
import { kafkaKeyvaultLayer, makeKafkaKeyvault } from "./KafkaKeyvault.ts"
import type { KafkaStoreOptions } from "./KafkaStoreOptions.ts"
import { readWholeTopic, testStores } from "./testKafka.test-support.ts"
import { wallClockSleep } from "@trent/kafka-client"

const stores = testStores("keyvault")

describe("kafkaKeyvaultLayer", () => {
  keyvaultContract(() => kafkaKeyvaultLayer(stores.fresh()))
})

/** Whether `needle` is in a live segment file of the topic in the broker's own log directory. */
const inBrokerLogFiles = (runDir: string, topic: string, needle: Uint8Array): boolean => {
  const dir = join(runDir, "data", `${topic}-0`)
  return existsSync(dir) && readdirSync(dir).filter((name) => name.endsWith(".log")).some((name) => readFileSync(join(dir, name)).includes(Buffer.from(needle)))
}

const inVault = <A, E>(options: KafkaStoreOptions, body: (vault: Keyvault["Service"]) => Effect.Effect<A, E>) =>
  Effect.scoped(Effect.flatMap(makeKafkaKeyvault(options), body))

describe("makeKafkaKeyvault tombstones", () => {
  it.live("a KEK removed by one instance is gone for a fresh instance, and the others are there", () =>
    Effect.gen(function*() {
      const options = stores.fresh()
      yield* inVault(options, (vault) =>
        Effect.gen(function*() {
          yield* vault.put("doomed", Uint8Array.of(1, 2, 3))
          yield* vault.put("kept", Uint8Array.of(4, 5))
          yield* vault.put("replaced", Uint8Array.of(6))
          yield* vault.put("replaced", Uint8Array.of(7))
          yield* vault.remove("doomed")
        }))
      const seen = yield* inVault(stores.sameTopics(options), (vault) =>
        Effect.all([vault.get("doomed"), vault.get("kept"), vault.get("replaced")]))
      expect(seen).toEqual([Option.none(), Option.some(Uint8Array.of(4, 5)), Option.some(Uint8Array.of(7))])
    }))

  it.live("compaction removes a tombstoned KEK's bytes from the topic (and from the broker's segment files)", () =>
    Effect.gen(function*() {
      // Segments roll (and become compactable) one second after their first record, on the next write.
      const options = stores.fresh({ keyvaultCompactionLagMs: 1_000 })
      const topic = `${options.topicPrefix}.${options.region}.keyvault`
      const doomed = randomBytes(48)
      const kept = randomBytes(48)
      const runDir = inject("kafkaRunDir")
      yield* inVault(options, (vault) =>
        Effect.gen(function*() {
          yield* vault.put("doomed", doomed)
          yield* vault.put("kept", kept)
          expect((yield* Effect.promise(() => readWholeTopic(topic))).some((r) => r.value?.equals(doomed))).toBe(true)
          yield* vault.remove("doomed")
          // Keep writing, as a live Region does: each write after the lag rolls the active segment.
          for (let attempt = 0; attempt < 60; attempt++) {
            yield* wallClockSleep(1_500)
            yield* vault.put(`filler-${attempt}`, Uint8Array.of(attempt))
            const records = yield* Effect.promise(() => readWholeTopic(topic))
            if (!records.some((record) => record.value?.equals(doomed))) break
          }
        }))
      const records = yield* Effect.promise(() => readWholeTopic(topic))
      expect(records.some((record) => record.value?.equals(doomed))).toBe(false)
      expect(records.some((record) => record.value?.equals(kept))).toBe(true)
      // The tombstone stays (delete.retention.ms) so that running consumers see the removal; it holds no bytes.
      expect(records.filter((record) => record.key?.toString() === "doomed").map((record) => record.value)).toEqual([null])
      if (runDir !== "") {
        // The cleaner swaps in the cleaned segment at once; the old file is unlinked after file.delete.delay.ms (60 s).
        expect(inBrokerLogFiles(runDir, topic, kept)).toBe(true)
        expect(inBrokerLogFiles(runDir, topic, doomed)).toBe(false)
      }
    }), 150_000)
})
