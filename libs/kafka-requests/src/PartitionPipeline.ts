import { Deferred, Effect, Exit, type Fiber, Schedule } from "effect"

/** One request message of a partition, as the pipeline takes it. */
export interface PipelineJob<E, R> {
  readonly offset: number
  /** A state change runs alone: after everything before it has run, before anything after it. */
  readonly changesState: boolean
  /**
   * Handles the request; calls `executed` once the Region has answered, before the reply is
   * durable. A failure (Kafka did not take a write) is retried: what was recorded answers it.
   */
  readonly run: (executed: Effect.Effect<void>) => Effect.Effect<void, E, R>
}

export interface PartitionPipelineOptions<R> {
  /** Requests executing or awaiting their reply's acknowledgement at once. */
  readonly maxInFlight: number
  /** Starts a job's fiber (in the worker's context). */
  readonly fork: <A, E>(effect: Effect.Effect<A, E, R>) => Fiber.Fiber<A, E>
  /** Called with the offset to commit whenever every job before it is durable. */
  readonly onDurable: (nextOffset: number) => void
}

const RETRY = Schedule.spaced("500 millis")

/**
 * One partition's requests, in their order as far as any key can tell, without waiting for a
 * batch to finish before the next is fetched: reads that follow each other run concurrently (they
 * change nothing, so no order among them is observable), a state change waits until everything
 * before it has executed, and everything after it waits for it. The consumer starts jobs while
 * the pipeline `hasRoom` (`maxInFlight` requests executing or awaiting their reply's
 * acknowledgement) and pauses the partition until `whenRoom` — that is what bounds a burst or a
 * slow reply topic. A job's offset becomes committable once it and every job before it have their
 * replies acknowledged.
 */
export class PartitionPipeline<E, R> {
  readonly #options: PartitionPipelineOptions<R>
  #lastChange: Deferred.Deferred<void> | undefined
  #readsSinceChange: Array<Deferred.Deferred<void>> = []
  /** Admitted jobs not yet durable, in offset order; `done` once their replies are acknowledged. */
  #pending: Array<{ readonly offset: number; done: boolean }> = []
  #inFlight = 0
  #roomWaiters: Array<() => void> = []
  #drainWaiters: Array<() => void> = []
  readonly #fibers = new Set<Fiber.Fiber<void, E>>()

  constructor(options: PartitionPipelineOptions<R>) {
    this.#options = options
  }

  /** Whether another job may start now. */
  get hasRoom(): boolean {
    return this.#inFlight < this.#options.maxInFlight
  }

  /** Resolves once the pipeline is at most half full again: when a paused partition may fetch again. */
  whenRoom(): Promise<void> {
    return this.#inFlight <= this.#options.maxInFlight / 2 ? Promise.resolve() : new Promise((resolve) => this.#roomWaiters.push(resolve))
  }

  /** Starts a job — the next of the partition, in offset order — whether or not there is room. */
  start(job: PipelineJob<E, R>): void {
    this.#start(job)
  }

  /** Resolves once no job is in the pipeline. */
  drained(): Promise<void> {
    return this.#inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.#drainWaiters.push(resolve))
  }

  /** Jobs in the pipeline now. */
  get inFlight(): number {
    return this.#inFlight
  }

  /** Abandons the jobs in flight (a shutdown that could not wait for them): their offsets are never committed. */
  interrupt(): void {
    for (const fiber of this.#fibers) fiber.interruptUnsafe()
  }

  #start(job: PipelineJob<E, R>): void {
    const executed = Deferred.makeUnsafe<void>()
    const before = job.changesState ? [...this.#readsSinceChange, ...(this.#lastChange === undefined ? [] : [this.#lastChange])] : this.#lastChange === undefined ? [] : [this.#lastChange]
    if (job.changesState) {
      this.#lastChange = executed
      this.#readsSinceChange = []
    } else this.#readsSinceChange.push(executed)
    const entry = { offset: job.offset, done: false }
    this.#pending.push(entry)
    this.#inFlight++
    const signal = Effect.asVoid(Deferred.succeed(executed, undefined))
    const fiber = this.#options.fork(
      Effect.forEach(before, Deferred.await, { discard: true }).pipe(
        Effect.andThen(job.run(signal).pipe(
          Effect.tapError((error) => Effect.logWarning(`request at offset ${job.offset}: a write to Kafka failed; retrying`, { error: String(error) })),
          Effect.retry(RETRY)
        )),
        Effect.onExit((exit) => Effect.andThen(signal, Effect.sync(() => this.#finish(entry, Exit.isSuccess(exit)))))
      )
    )
    this.#fibers.add(fiber)
    fiber.addObserver(() => this.#fibers.delete(fiber))
  }

  #finish(entry: { readonly offset: number; done: boolean }, durable: boolean): void {
    entry.done = durable
    this.#inFlight--
    if (this.#inFlight <= this.#options.maxInFlight / 2) for (const resolve of this.#roomWaiters.splice(0)) resolve()
    let next: number | undefined
    while (this.#pending.length > 0 && this.#pending[0]!.done) next = this.#pending.shift()!.offset + 1
    if (next !== undefined) this.#options.onDurable(next)
    if (this.#inFlight === 0) for (const resolve of this.#drainWaiters.splice(0)) resolve()
  }
}
