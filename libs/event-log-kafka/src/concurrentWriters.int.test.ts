import { type ChildProcess, spawn } from "node:child_process"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { it } from "@effect/vitest"
import { Deferred, Effect, Fiber } from "effect"
import { describe, expect } from "vitest"
import { type KafkaEventLog, makeKafkaEventLog } from "./KafkaEventLog.ts"
import type { KafkaStoreOptions } from "./KafkaStoreOptions.ts"
import { appendRacing } from "./racingKafkaWriter.ts"
import { expectSoundReplica, replicaSnapshot, replicatedPart, type ReplicaSnapshot } from "./replicaSnapshot.test-support.ts"
import { testStores } from "./testKafka.test-support.ts"

const stores = testStores("concurrent")
// Few streams over few partitions: the writers keep taking partitions from each other.
const streams = ["k1", "k2", "k3", "alias/shared"]

/** A third "server" in a child process, appending in a loop until killed; every acknowledged append is reported. */
const startChildWriter = (options: KafkaStoreOptions) =>
  Effect.gen(function*() {
    const script = fileURLToPath(new URL("./racingKafkaWriter.ts", import.meta.url))
    const acked: Array<string> = []
    const enough = yield* Deferred.make<void>()
    const child: ChildProcess = spawn(
      process.execPath,
      ["--disable-warning=TimeoutNegativeWarning", script, JSON.stringify(options), streams.join(","), "child"],
      { stdio: ["ignore", "pipe", "inherit"] }
    )
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (!line.startsWith("acked ")) return
      acked.push(line.slice("acked ".length))
      if (acked.length === 25) Deferred.doneUnsafe(enough, Effect.void)
    })
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once("exit", (code, signal) => resolve(signal ?? code)))
    yield* Effect.addFinalizer(() => Effect.sync(() => child.kill("SIGKILL")))
    return { child, acked, enough, exited }
  })

const allEventIds = (snapshot: ReplicaSnapshot) => new Set(Object.values(snapshot.streams).flat().map((event) => event.eventId))

describe("several servers writing to the same topics", () => {
  it.live("leave every stream contiguous with a valid chain and every replica identical, even when one is SIGKILLed mid-write", () =>
    Effect.gen(function*() {
      const optionsA = stores.fresh({ partitions: 3 })
      const optionsB = stores.sameTopics(optionsA)
      const optionsChild = stores.sameTopics(optionsA)
      const a = yield* makeKafkaEventLog(optionsA)
      const b = yield* makeKafkaEventLog(optionsB)

      const child = yield* startChildWriter(optionsChild)
      const writerA = yield* Effect.forkChild(appendRacing(a.eventLog, { streams, writer: "a", count: 80 }))
      const writerB = yield* Effect.forkChild(appendRacing(b.eventLog, { streams, writer: "b", count: 80 }))
      // Kill the child while it, A and B are all appending, at a random point of the child's write cycle
      // (reading its replica, producing, waiting to read its record back).
      yield* Effect.raceFirst(
        Deferred.await(child.enough),
        Effect.flatMap(Effect.promise(() => child.exited), (exit) => Effect.die(new Error(`the child writer exited early (${exit})`)))
      )
      yield* Effect.sleep(Math.floor(Math.random() * 40))
      child.child.kill("SIGKILL")
      expect(yield* Effect.promise(() => child.exited)).toBe("SIGKILL")
      const [tallyA, tallyB] = [yield* Fiber.join(writerA), yield* Fiber.join(writerB)]

      // Both survivors read to the end of the topic; the child's replica comes back warm; a fourth replica starts cold.
      yield* a.awaitTopicEnd
      yield* b.awaitTopicEnd
      // Nobody writes any more: caught up, neither replica has records left to apply behind the topic's end.
      expect([yield* a.backlog, yield* b.backlog]).toEqual([0, 0])
      const childAgain = yield* makeKafkaEventLog(optionsChild)
      const cold = yield* makeKafkaEventLog(stores.sameTopics(optionsA))
      expect(childAgain.startup.cold).toBe(false)
      expect(cold.startup.cold).toBe(true)
      const snapshots: ReadonlyArray<readonly [string, KafkaEventLog]> = [["a", a], ["b", b], ["child, restarted", childAgain], ["cold", cold]]
      const [first, ...others] = yield* Effect.forEach(snapshots, ([name, log]) => Effect.map(replicaSnapshot(log.eventLog), (s) => [name, s] as const))

      for (const [name, snapshot] of [first!, ...others]) {
        expectSoundReplica(snapshot)
        expect(replicatedPart(snapshot), name).toEqual(replicatedPart(first![1]))
      }
      // No acknowledged append is missing: A's, B's and those the child reported before it died.
      const stored = allEventIds(first![1])
      for (const eventId of [...tallyA.acked, ...tallyB.acked, ...child.acked]) expect(stored.has(eventId)).toBe(true)
      // The writers really raced: appends conflicted, claims were fenced, zombie or stale records dropped.
      const stats = cold.stats()
      expect(tallyA.conflicts + tallyB.conflicts).toBeGreaterThan(0)
      expect(stats.claimsAccepted).toBeGreaterThan(3)
      expect(stats.dropped.fenced + stats.dropped.conflict).toBeGreaterThan(0)
      expect(stats.appendsApplied).toBeGreaterThanOrEqual(160 + 25)
      yield* Effect.logInfo(`concurrent writers: ${JSON.stringify(stats)}; conflicts a=${tallyA.conflicts} b=${tallyB.conflicts}; child acked ${child.acked.length}`)
    }), 180_000)
})
