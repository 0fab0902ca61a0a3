import { Cause, Effect, Exit } from "effect"
import { expect } from "vitest"
import { InvalidEventLogInput } from "../InvalidEventLogInput.ts"

/** Test helper: runs `effect` and asserts it died with InvalidEventLogInput whose message matches. */
export const expectInvalidInput = <A, E>(effect: Effect.Effect<A, E>, message: RegExp) =>
  Effect.gen(function*() {
    const exit = yield* Effect.exit(effect)
    expect(Exit.isFailure(exit)).toBe(true)
    if (Exit.isFailure(exit)) {
      const defect = Cause.squash(exit.cause)
      expect(defect).toBeInstanceOf(InvalidEventLogInput)
      expect((defect as InvalidEventLogInput).message).toMatch(message)
    }
  })
