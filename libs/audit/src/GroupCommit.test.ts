import { it } from "@effect/vitest"
import { Deferred, Effect, Fiber } from "effect"
import { describe, expect } from "vitest"
import { makeGroupCommit } from "./GroupCommit.ts"

/** Lets every runnable fiber run until all wait on something. */
const settle = Effect.gen(function*() {
  for (let i = 0; i < 20; i++) yield* Effect.yieldNow
})

describe("GroupCommit", () => {
  it.effect("flushes everything that queued while the writer was busy as one batch, in submission order", () =>
    Effect.scoped(Effect.gen(function*() {
      const batches: Array<ReadonlyArray<number>> = []
      const committer = yield* makeGroupCommit<number, never>({
        capacity: 1_000,
        maxBatch: 1_000,
        flush: (batch) => Effect.sync(() => void batches.push(batch))
      })
      yield* Effect.forEach(Array.from({ length: 500 }, (_, i) => i), committer.submit, { concurrency: "unbounded", discard: true })
      expect(batches.flat()).toEqual(Array.from({ length: 500 }, (_, i) => i))
      expect(batches.length).toBeLessThanOrEqual(3)
    })))

  it.effect("makes submit wait while the queue is full, and completes every item once the writer catches up", () =>
    Effect.scoped(Effect.gen(function*() {
      const gate = yield* Deferred.make<void>()
      const flushed: Array<number> = []
      const committer = yield* makeGroupCommit<number, never>({
        capacity: 2,
        maxBatch: 10,
        flush: (batch) => Deferred.await(gate).pipe(Effect.andThen(Effect.sync(() => void flushed.push(...batch))))
      })
      const first = yield* Effect.forkChild(committer.submit(1))
      yield* settle // the writer has taken item 1 and waits at the gate
      const queued = yield* Effect.forEach([2, 3], (n) => Effect.forkChild(committer.submit(n)))
      yield* settle
      const blocked = yield* Effect.forkChild(committer.submit(4))
      yield* settle
      for (const fiber of [first, ...queued, blocked]) expect(fiber.pollUnsafe()).toBeUndefined()
      // What /metrics reports as the audit queue depth: the items waiting in the queue (2 and 3; 4 waits for room).
      expect(committer.queued()).toBe(2)
      yield* Deferred.succeed(gate, undefined)
      yield* Fiber.joinAll([first, ...queued, blocked])
      expect(flushed).toEqual([1, 2, 3, 4])
      expect(committer.queued()).toBe(0)
    })))

  it.effect("fails every item of a failed batch with the flush's error, and goes on with the next batch", () =>
    Effect.scoped(Effect.gen(function*() {
      let calls = 0
      const committer = yield* makeGroupCommit<string, string>({
        capacity: 10,
        maxBatch: 10,
        flush: () => (calls++ === 0 ? Effect.fail("disk full") : Effect.void)
      })
      const failed = yield* Effect.forEach(["a", "b"], (item) => Effect.flip(committer.submit(item)), { concurrency: "unbounded" })
      expect(failed).toEqual(["disk full", "disk full"])
      yield* committer.submit("c")
    })))

  it.effect("flushes what is queued on shutdown, then refuses new items", () =>
    Effect.scoped(Effect.gen(function*() {
      const gate = yield* Deferred.make<void>()
      const flushed: Array<number> = []
      const committer = yield* makeGroupCommit<number, never>({
        capacity: 10,
        maxBatch: 1,
        flush: (batch) => Deferred.await(gate).pipe(Effect.andThen(Effect.sync(() => void flushed.push(...batch))))
      })
      const pending = yield* Effect.forEach([1, 2, 3], (n) => Effect.forkChild(committer.submit(n)))
      yield* settle // 1 is being flushed, 2 and 3 wait in the queue
      const shutdown = yield* Effect.forkChild(committer.shutdown)
      yield* settle
      expect((yield* Effect.flip(committer.submit(4)))._tag).toBe("GroupCommitClosed")
      yield* Deferred.succeed(gate, undefined)
      yield* Fiber.join(shutdown)
      yield* Fiber.joinAll(pending)
      expect(flushed).toEqual([1, 2, 3])
    })))
})
