import { holdLock } from "@trent/event-log"
import { Context, Effect, Layer } from "effect"
import { join } from "node:path"

/**
 * Whether this process runs the Region's scheduler (automatic rotation,
 * deletions falling due, import expiry): once per Region, however many
 * workers and servers share its store. The work is ordinary conditional
 * commands, so two runners could never apply it twice; the lease keeps them
 * from generating material and appending in vain. Without a lease in the
 * context (a Region alone in its process, in tests) this process holds it.
 */
export const SchedulerLease = Context.Reference<{ readonly held: Effect.Effect<boolean> }>("@trent/runtime/SchedulerLease", {
  defaultValue: () => ({ held: Effect.succeed(true) })
})

/**
 * The lease of the processes sharing one Region directory (the embedded store):
 * `scheduler.lock`, held by an open write transaction, so the operating system
 * frees it when its holder ends in any way; the others try again at each tick.
 */
export const fileSchedulerLease = (dir: string) =>
  Layer.effect(SchedulerLease, Effect.gen(function*() {
    let lock: ReturnType<typeof holdLock>
    yield* Effect.addFinalizer(() => Effect.sync(() => lock?.close()))
    return {
      held: Effect.sync(() => {
        lock ??= holdLock(join(dir, "scheduler.lock"))
        return lock !== undefined
      }).pipe(Effect.catchDefect((defect) => Effect.as(Effect.logError("the scheduler lease cannot be taken", defect), false)))
    }
  }))
