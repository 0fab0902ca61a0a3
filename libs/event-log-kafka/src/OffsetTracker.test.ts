import { it } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import { describe, expect } from "vitest"
import { makeOffsetTracker } from "./OffsetTracker.ts"

describe("makeOffsetTracker", () => {
  it.effect("hands a writer the outcome of its record whether the consumer applied it before or after the writer asked", () =>
    Effect.gen(function*() {
      const tracker = makeOffsetTracker<string>([0, 5])
      tracker.advance(1, 7, [[5, "early"]])
      expect(yield* tracker.outcomeOf(1, 5)).toBe("early")
      const waiting = yield* Effect.forkChild(tracker.outcomeOf(1, 8))
      yield* Effect.yieldNow
      tracker.advance(1, 8, [])
      expect(waiting.pollUnsafe()).toBeUndefined()
      tracker.advance(1, 9, [[8, "late"]])
      expect(yield* Fiber.join(waiting)).toBe("late")
      expect(tracker.next(1)).toBe(9)
      expect(tracker.progress()).toBe(9)
    }))

  it.effect("answers undefined for a record applied without a kept outcome, and takes each outcome once", () =>
    Effect.gen(function*() {
      const tracker = makeOffsetTracker<string>([0])
      tracker.advance(0, 3, [[1, "mine"]])
      expect(yield* tracker.outcomeOf(0, 0)).toBeUndefined()
      expect(yield* tracker.outcomeOf(0, 1)).toBe("mine")
      expect(yield* tracker.outcomeOf(0, 1)).toBeUndefined()
    }))

  it.effect("completes reached(p, o) once every record below o is applied, never going back", () =>
    Effect.gen(function*() {
      const tracker = makeOffsetTracker<never>([10])
      yield* tracker.reached(0, 10)
      const waiting = yield* Effect.forkChild(tracker.reached(0, 12))
      tracker.advance(0, 11, [])
      yield* Effect.yieldNow
      expect(waiting.pollUnsafe()).toBeUndefined()
      tracker.advance(0, 12, [])
      yield* Fiber.join(waiting)
      tracker.advance(0, 4, [])
      expect(tracker.next(0)).toBe(12)
    }))

  it.effect("keeps at most 1024 untaken outcomes per partition, dropping the oldest", () =>
    Effect.gen(function*() {
      const tracker = makeOffsetTracker<number>([0])
      tracker.advance(0, 2_000, Array.from({ length: 2_000 }, (_, offset) => [offset, offset] as const))
      expect(yield* tracker.outcomeOf(0, 975)).toBeUndefined()
      expect(yield* tracker.outcomeOf(0, 976)).toBe(976)
      expect(yield* tracker.outcomeOf(0, 1_999)).toBe(1_999)
    }))
})
