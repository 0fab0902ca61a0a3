import { runRestartingConsumer, settledWithin } from "@trent/kafka-client"
import { Effect, type Scope } from "effect"
import type { EachBatchPayload, Kafka } from "kafkajs"

export interface RequestConsumerOptions {
  readonly kafka: Kafka
  readonly topic: string
  /** The group the servers consuming the topic share: Kafka divides the partitions among them. */
  readonly groupId: string
  /** Batches of this many partitions are handled at once. */
  readonly partitionsConsumedConcurrently: number
  /** A (re)join: the partitions this member now owns. */
  readonly onJoin: (assigned: ReadonlyArray<number>) => void
  /** Takes a batch; resolving lets kafkajs fetch the partition again. */
  readonly eachBatch: (payload: EachBatchPayload) => Promise<void>
  /** On stop, after fetching stopped and before the last commit: resolves once the work taken is done. */
  readonly drain: () => Promise<void>
  readonly logWarning: (message: string) => void
}

export interface RequestConsumer {
  /** Records that every message of `partition` before `nextOffset` is answered durably; committed shortly. */
  commit(partition: number, nextOffset: number): void
}

// How long stopping waits for each step (a consumer still joining, the work in flight).
const STOP_WAIT_MS = 30_000
// Commits are grouped: at most one OffsetCommit request per this interval.
const COMMIT_DELAY_MS = 20

/**
 * The consumer of a request topic for the scope's life, in the group the servers share; restarted
 * after every stop by @trent/kafka-client's RestartingConsumer (committed offsets carry over).
 * kafkajs's automatic commits are off: batches move only the fetch position (the work is handed
 * to the partitions' pipelines), and an offset is committed when its pipeline says every message
 * before it was answered durably. Stopping pauses fetching, drains the work taken, commits, then
 * leaves the group.
 */
export const runRequestConsumer = (options: RequestConsumerOptions): Effect.Effect<RequestConsumer, never, Scope.Scope> =>
  Effect.gen(function*() {
    const { topic } = options
    let stopped = false
    let assigned = new Set<number>()
    const toCommit = new Map<number, number>()
    let commitTimer: ReturnType<typeof setTimeout> | undefined
    let committing: Promise<void> = Promise.resolve()

    const schedule = (delayMs: number) => {
      if (commitTimer !== undefined) return
      commitTimer = setTimeout(() => {
        commitTimer = undefined
        committing = committing.then(flush)
      }, delayMs)
    }

    const flush = async (): Promise<void> => {
      const consumer = loop.current()
      const offsets = [...toCommit].filter(([partition]) => assigned.has(partition))
      toCommit.clear()
      if (consumer === undefined || offsets.length === 0) return
      try {
        await consumer.commitOffsets(offsets.map(([partition, offset]) => ({ topic, partition, offset: String(offset) })))
      } catch (error) {
        // A rebalance or an outage: keep what was not superseded and try again (a join drops partitions lost).
        for (const [partition, offset] of offsets) if ((toCommit.get(partition) ?? -1) < offset) toCommit.set(partition, offset)
        if (!stopped) schedule(1_000)
        options.logWarning(`committing offsets of ${topic} failed (${error instanceof Error ? error.message : String(error)}); retrying`)
      }
    }

    const loop = yield* runRestartingConsumer({
      kafka: options.kafka,
      topic,
      groupId: () => options.groupId,
      // A worker that died holds its partitions until its session times out; batches heartbeat every second.
      config: { sessionTimeout: 10_000, rebalanceTimeout: 20_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 200 },
      stopWaitMs: STOP_WAIT_MS,
      onJoin: (_, partitions) => {
        assigned = new Set(partitions)
        options.onJoin([...assigned])
      },
      run: {
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: options.partitionsConsumedConcurrently,
        eachBatch: options.eachBatch
      },
      beforeLeave: async (consumer) => {
        stopped = true
        consumer?.pause([{ topic }])
        await settledWithin(options.drain(), STOP_WAIT_MS)
        clearTimeout(commitTimer)
        commitTimer = undefined
        await settledWithin(committing, STOP_WAIT_MS)
        await settledWithin(flush(), STOP_WAIT_MS)
        if (consumer !== undefined) await settledWithin(consumer.stop(), STOP_WAIT_MS)
      }
    })

    return {
      commit: (partition, nextOffset) => {
        if ((toCommit.get(partition) ?? -1) < nextOffset) toCommit.set(partition, nextOffset)
        schedule(COMMIT_DELAY_MS)
      }
    }
  })
