import { Cause, Data, Deferred, Effect, Fiber, Queue, type Scope } from "effect"

/** The committer no longer takes items: it is shutting down or shut down. */
export class GroupCommitClosed extends Data.TaggedError("GroupCommitClosed") {}

export interface GroupCommitOptions<A, E> {
  /** Items waiting beyond this make `submit` wait (backpressure): nothing is dropped. */
  readonly capacity: number
  /** The most items one `flush` takes. */
  readonly maxBatch: number
  /** Writes a batch all or nothing; called by one fiber at a time, in submission order. */
  readonly flush: (batch: ReadonlyArray<A>) => Effect.Effect<void, E>
}

export interface GroupCommit<A, E> {
  /**
   * Queues `item` and resolves when the batch holding it is flushed, with that
   * flush's outcome. Waits while the queue is full. Items of one caller are
   * flushed in the order submitted.
   */
  submit(item: A): Effect.Effect<void, E | GroupCommitClosed>
  /** Stops taking items, flushes every queued one, and waits for the writer to finish. */
  readonly shutdown: Effect.Effect<void>
  /** Items in the queue now, not yet taken by the writer (at most `capacity`; submitters waiting for room are not counted). */
  queued(): number
}

interface Pending<A, E> {
  readonly item: A
  readonly done: Deferred.Deferred<void, E>
}

/**
 * Group commit: one writer fiber takes everything that queued up while the
 * previous flush ran and flushes it as one batch, so a thousand concurrent
 * submitters cost a handful of transactions (and fsyncs), not a thousand.
 * The writer lives in the enclosing scope.
 */
export const makeGroupCommit = <A, E>(
  options: GroupCommitOptions<A, E>
): Effect.Effect<GroupCommit<A, E>, never, Scope.Scope> =>
  Effect.gen(function*() {
    const queue = yield* Queue.bounded<Pending<A, E>, Cause.Done>(options.capacity)

    const flushBatch = (batch: ReadonlyArray<Pending<A, E>>) =>
      options.flush(batch.map((pending) => pending.item)).pipe(
        Effect.exit,
        Effect.flatMap((exit) => Effect.forEach(batch, (pending) => Deferred.done(pending.done, exit), { discard: true })),
        // A batch half-handed-out would leave submitters waiting forever.
        Effect.uninterruptible
      )

    // takeBetween drains what is left after `end`, then fails with Done: that ends the loop.
    const writer = yield* Queue.takeBetween(queue, 1, options.maxBatch).pipe(
      Effect.flatMap(flushBatch),
      Effect.forever,
      Effect.catchIf(Cause.isDone, () => Effect.void),
      Effect.forkScoped
    )

    const submit = (item: A): Effect.Effect<void, E | GroupCommitClosed> =>
      Effect.gen(function*() {
        const done = yield* Deferred.make<void, E>()
        const accepted = yield* Queue.offer(queue, { item, done })
        if (!accepted) return yield* Effect.fail(new GroupCommitClosed())
        return yield* Deferred.await(done)
      })

    const shutdown = Effect.gen(function*() {
      yield* Queue.end(queue)
      yield* Fiber.await(writer)
    }).pipe(Effect.asVoid)

    return { submit, shutdown, queued: () => Queue.sizeUnsafe(queue) }
  })
