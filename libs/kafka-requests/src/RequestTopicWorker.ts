import {
  connectAdmin,
  connectGroupCommitProducer,
  ensureTopic,
  highWatermarks,
  KafkaKmsFailure,
  requestResultsTopicName,
  requestTopicName,
  runResumingConsumer,
  topicOffsets
} from "@trent/kafka-client"
import { classifyTarget } from "@trent/protocol"
import { Effect, Schedule, type Scope } from "effect"
import type { EachBatchPayload, Kafka, KafkaMessage } from "kafkajs"
import { KafkaRequestEdge } from "./KafkaRequestEdge.ts"
import type { KafkaRequestMetrics } from "./KafkaRequestMetrics.ts"
import { changesState } from "./operationEffects.ts"
import { decodeRecordedRequest } from "./RecordedRequest.ts"
import { RequestLedger } from "./RequestLedger.ts"
import { targetOf } from "./RequestMessage.ts"
import { PartitionPipeline } from "./PartitionPipeline.ts"
import { runRequestConsumer } from "./RequestConsumer.ts"
import { handleRequestMessage, type KafkaRequestHooks, type RequestWork, type RequestWorkServices } from "./RequestWork.ts"

export interface RequestTopicOptions {
  readonly kafka: Kafka
  /** The account whose topics these are, and its topic prefix (accountTopicPrefix's rule, KafkaRequests.ts). */
  readonly account: string
  readonly topicPrefix: string
  readonly region: string
  /** Partitions of a request topic this worker creates; an existing topic keeps its own. */
  readonly partitions: number
  readonly replicationFactor?: number | undefined
  readonly maxInFlightPerPartition: number
  readonly maxBodyBytes: number
  readonly recentResults: number
  readonly requestTimeoutMs: number
  readonly metrics: KafkaRequestMetrics
  readonly hooks: KafkaRequestHooks
}

/** A day: a request older than 30 minutes cannot run any more (its signature expired), but an operator may look. */
const requestTopicConfigs = { "cleanup.policy": "delete", "retention.ms": "86400000" }
/**
 * The latest record per correlation id, for an hour. A request can run only while its signature
 * is current — at most 30 minutes after it was written (15 minutes of clock skew either side) —
 * and its records are written after it: by the time they are gone, a redelivery can only be
 * refused ("Signature expired"), never run again. Segments roll every 10 minutes so that expiry happens.
 */
const resultsTopicConfigs = { "cleanup.policy": "compact,delete", "retention.ms": "3600000", "segment.ms": "600000", "min.cleanable.dirty.ratio": "0.1" }

const isChangingMessage = (message: KafkaMessage): boolean => {
  const target = classifyTarget(targetOf(message))
  return target._tag === "Served" && changesState(target.operation)
}

/** Creates the request and results topics when missing; the results topic has as many partitions as the request topic. */
const prepareTopics = (options: RequestTopicOptions, requestTopic: string, resultsTopic: string) =>
  Effect.scoped(Effect.gen(function*() {
    const timeout = options.requestTimeoutMs
    const admin = yield* connectAdmin(options.kafka, timeout)
    const purpose = `of Region ${options.region}${options.topicPrefix === "trent" ? "" : ` (prefix ${options.topicPrefix})`}`
    const partitions = yield* ensureTopic(admin, { topic: requestTopic, purpose: `the request topic ${purpose}`, partitions: options.partitions, configs: requestTopicConfigs, replicationFactor: options.replicationFactor }, timeout)
    const results = yield* ensureTopic(admin, { topic: resultsTopic, purpose: `the request results topic ${purpose}`, partitions, configs: resultsTopicConfigs, replicationFactor: options.replicationFactor }, timeout)
    if (results !== partitions) {
      return yield* new KafkaKmsFailure({
        message: `${resultsTopic} has ${results} partitions and ${requestTopic} ${partitions}: a request's result lives in the partition of the request, so they must match`
      })
    }
    const offsets = yield* topicOffsets(admin, resultsTopic, timeout)
    const lows: Array<number> = []
    for (const { partition, low } of offsets) lows[partition] = low
    return { partitions, resultsStart: lows }
  }))

/**
 * The worker of one request topic (`<prefix>.<region>.requests`), for the
 * scope's life. Its consumer group shares the partitions among the servers
 * that consume the topic. Each partition's messages go into its pipeline
 * (PartitionPipeline.ts: key order, bounded), which the fetches do not wait
 * for; an offset is committed once every request before it has its reply
 * (and result) acknowledged. A full pipeline pauses its partition until it is
 * half empty: a slow reply topic or a burst leaves requests in Kafka, never
 * more than a pipeline and a fetch (1 MiB a partition) in memory. Before the
 * first batch after a (re)join, the results topic is read to its end, so that
 * what another server (or this one before a crash) recorded is known before a
 * redelivery, and the pipelines of the last assignment are drained.
 */
export const runRequestTopicWorker = (options: RequestTopicOptions): Effect.Effect<void, KafkaKmsFailure, Scope.Scope | RequestWorkServices> =>
  Effect.gen(function*() {
    const { kafka, region } = options
    const requestTopic = requestTopicName(options.topicPrefix, region)
    const resultsTopic = requestResultsTopicName(options.topicPrefix, region)
    const { partitions, resultsStart } = yield* prepareTopics(options, requestTopic, resultsTopic)
    const ledger = new RequestLedger(options.recentResults)
    const results = yield* runResumingConsumer({
      kafka,
      topic: resultsTopic,
      groupIdPrefix: `${resultsTopic}.reader`,
      startOffsets: resultsStart,
      purpose: "the request results",
      onMessages: (_, messages) => {
        for (const message of messages) {
          const record = message.value === null ? undefined : decodeRecordedRequest(message.value.toString("utf8"))
          if (record !== undefined && message.key !== null) ledger.record(message.key.toString("utf8"), record)
        }
      }
    })
    const producer = yield* connectGroupCommitProducer(kafka, { timeoutMs: options.requestTimeoutMs, idempotent: false })
    const context = yield* Effect.context<RequestWorkServices>()
    const runPromise = Effect.runPromiseWith(context)
    const work: RequestWork = {
      account: options.account,
      region,
      resultsTopic,
      ledger,
      producer,
      metrics: options.metrics,
      maxBodyBytes: options.maxBodyBytes,
      hooks: options.hooks,
      logEnds: new Map(),
      edge: yield* KafkaRequestEdge,
      running: new Map()
    }

    const readResultsToEnd = Effect.scoped(Effect.gen(function*() {
      const admin = yield* connectAdmin(kafka, options.requestTimeoutMs)
      return yield* highWatermarks(admin, resultsTopic, options.requestTimeoutMs)
    })).pipe(
      Effect.retry({ schedule: Schedule.spaced("1 second"), times: 30 }),
      Effect.flatMap((highs) => results.reached(highs))
    )
    let resultsRead = runPromise(readResultsToEnd)

    // The pipelines of the partitions this member owns; a rejoin retires them (they finish what they took).
    let pipelines = new Map<number, PartitionPipeline<KafkaKmsFailure, RequestWorkServices>>()
    let retiring: Promise<unknown> = Promise.resolve()
    const everyPipeline = new Set<PartitionPipeline<KafkaKmsFailure, RequestWorkServices>>()
    const drained = () => Promise.all([...everyPipeline].map((pipeline) => pipeline.drained())).then(() => undefined)
    const fork = Effect.runForkWith(context)
    // Runs after the consumer's release (which drains them, bounded): whatever is still in flight is abandoned, uncommitted.
    yield* Effect.addFinalizer(() => Effect.sync(() => everyPipeline.forEach((pipeline) => pipeline.interrupt())))

    const pipelineFor = (partition: number) => {
      const existing = pipelines.get(partition)
      if (existing !== undefined) return existing
      const created = new PartitionPipeline<KafkaKmsFailure, RequestWorkServices>({
        maxInFlight: options.maxInFlightPerPartition,
        fork,
        onDurable: (nextOffset) => consumer.commit(partition, nextOffset)
      })
      pipelines.set(partition, created)
      everyPipeline.add(created)
      return created
    }

    const consumer = yield* runRequestConsumer({
      kafka,
      topic: requestTopic,
      groupId: `${requestTopic}.workers`,
      partitionsConsumedConcurrently: partitions,
      logWarning: (message) => void fork(Effect.logWarning(message)),
      onJoin: () => {
        // Kafka refetches from the committed offsets: what the old pipelines still hold comes again,
        // and must find their state changes done (or running: oneAtATime) before it runs.
        const retired = [...everyPipeline]
        retiring = Promise.all(retired.map((pipeline) => pipeline.drained())).then(() => retired.forEach((pipeline) => everyPipeline.delete(pipeline)))
        pipelines = new Map()
        resultsRead = runPromise(readResultsToEnd)
      },
      drain: drained,
      eachBatch: async ({ batch, resolveOffset, heartbeat, pause }: EachBatchPayload) => {
        const beat = setInterval(() => void heartbeat().catch(() => undefined), 1_000)
        try {
          await retiring
          // A failed read is retried by the next batch (kafkajs retries this one).
          await resultsRead.catch((error: unknown) => {
            resultsRead = runPromise(readResultsToEnd)
            throw error
          })
        } finally {
          clearInterval(beat)
        }
        const pipeline = pipelineFor(batch.partition)
        let taken: string | undefined
        for (const message of batch.messages) {
          if (!pipeline.hasRoom) {
            // Full: no more fetches for this partition until it has room; the rest is fetched again then.
            const resume = pause()
            void pipeline.whenRoom().then(resume)
            break
          }
          pipeline.start({
            offset: Number(message.offset),
            changesState: isChangingMessage(message),
            run: (executed) => handleRequestMessage(work, { partition: batch.partition, offset: message.offset, message }, executed)
          })
          taken = message.offset
        }
        // Moves the fetch position only: the offset is committed once the pipeline says it is answered.
        if (taken !== undefined) resolveOffset(taken)
      }
    })
    yield* Effect.logInfo(`Kafka requests: consuming ${requestTopic} (${partitions} partitions), answers recorded in ${resultsTopic}`)
  })
