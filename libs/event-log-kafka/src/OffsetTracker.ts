import { Deferred, Effect } from "effect"

/**
 * How far a consumer has applied each partition, and the outcomes of the records someone may
 * wait for. Writers learn their record's offset from the produce acknowledgement and then wait
 * here until the consumer has applied it — which may already have happened, since a consumer can
 * fetch a record before its producer hears the acknowledgement: outcomes are therefore kept until
 * taken (up to a bound, for writers that gave up).
 */
export interface OffsetTracker<O> {
  /** The offset the consumer applies next in `partition`. */
  next(partition: number): number
  /** Sum of `next` over the partitions: grows with every applied record. */
  progress(): number
  /** Called by the consumer after applying every record below `nextOffset`, with the outcomes worth keeping. */
  advance(partition: number, nextOffset: number, outcomes: ReadonlyArray<readonly [offset: number, outcome: O]>): void
  /** Completes once every record below `offset` in `partition` is applied. */
  reached(partition: number, offset: number): Effect.Effect<void>
  /** Waits until the record at `offset` is applied; its kept outcome, or undefined if none was kept. */
  outcomeOf(partition: number, offset: number): Effect.Effect<O | undefined>
}

interface Waiter {
  readonly until: number
  readonly done: Deferred.Deferred<void>
}

interface PartitionProgress<O> {
  next: number
  readonly kept: Map<number, O>
  waiters: Array<Waiter>
}

// Outcomes nobody took (their writer timed out) are dropped oldest first beyond this many per partition.
const keptPerPartition = 1_024

export const makeOffsetTracker = <O>(startOffsets: ReadonlyArray<number>): OffsetTracker<O> => {
  const partitions: Array<PartitionProgress<O>> = startOffsets.map((next) => ({ next, kept: new Map(), waiters: [] }))
  const at = (partition: number): PartitionProgress<O> => {
    const found = partitions[partition]
    if (found === undefined) throw new RangeError(`no partition ${partition} (of ${partitions.length})`)
    return found
  }

  const reached = (partition: number, offset: number): Effect.Effect<void> =>
    Effect.suspend(() => {
      const progress = at(partition)
      if (progress.next >= offset) return Effect.void
      const done = Deferred.makeUnsafe<void>()
      progress.waiters.push({ until: offset, done })
      return Deferred.await(done)
    })

  return {
    next: (partition) => at(partition).next,
    progress: () => partitions.reduce((sum, p) => sum + p.next, 0),
    advance: (partition, nextOffset, outcomes) => {
      const progress = at(partition)
      for (const [offset, outcome] of outcomes) progress.kept.set(offset, outcome)
      for (const offset of progress.kept.keys()) {
        if (progress.kept.size <= keptPerPartition) break
        progress.kept.delete(offset)
      }
      progress.next = Math.max(progress.next, nextOffset)
      const ready = progress.waiters.filter((waiter) => waiter.until <= progress.next)
      progress.waiters = progress.waiters.filter((waiter) => waiter.until > progress.next)
      for (const waiter of ready) Deferred.doneUnsafe(waiter.done, Effect.void)
    },
    reached,
    outcomeOf: (partition, offset) =>
      Effect.map(reached(partition, offset + 1), () => {
        const { kept } = at(partition)
        const outcome = kept.get(offset)
        kept.delete(offset)
        return outcome
      })
  }
}
