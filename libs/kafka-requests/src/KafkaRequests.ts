import { accountTopicPrefix } from "@trent/event-log-kafka"
import { type KafkaSecurity, makeKafkaConnection } from "@trent/kafka-client"
import { Context, Effect, Layer } from "effect"
import { KafkaRequestEdge } from "./KafkaRequestEdge.ts"
import { KafkaRequestMetrics } from "./KafkaRequestMetrics.ts"
import type { KafkaRequestHooks } from "./RequestWork.ts"
import { runRequestTopicWorker } from "./RequestTopicWorker.ts"

export interface KafkaRequestsOptions {
  readonly brokers: ReadonlyArray<string>
  /** The server's topic prefix ("trent"); another account's topics are under `<prefix>.<account>`. */
  readonly topicPrefix: string
  readonly defaultAccount: string
  /** Accounts besides the default one whose request topics this server consumes. */
  readonly otherAccounts: ReadonlyArray<string>
  readonly regions: ReadonlyArray<string>
  readonly maxBodyBytes: number
  /** Partitions of the request topics this server creates; default 12. */
  readonly partitions?: number | undefined
  /** Requests of one partition executing or awaiting their reply at once; default 256. */
  readonly maxInFlightPerPartition?: number | undefined
  /** Correlation ids whose results each topic's worker keeps in memory; default 100,000. */
  readonly recentResults?: number | undefined
  /** Deadline of every write to Kafka; default 10 s. */
  readonly requestTimeoutMs?: number | undefined
  readonly hooks?: KafkaRequestHooks | undefined
  /** TLS and SASL/SCRAM-SHA-512 to the brokers; plaintext when absent. */
  readonly security?: KafkaSecurity | undefined
}

/**
 * Kafka-driven key operations (libs/kafka-requests/README.md): one request worker
 * per hosted Region and account, beside the HTTP edge and on the same request
 * path. Releasing the layer stops each worker cleanly — no new fetches, the
 * batches in flight finish and commit, the consumers leave their groups.
 */
export class KafkaRequests extends Context.Service<KafkaRequests, {
  readonly metrics: KafkaRequestMetrics
}>()("@trent/kafka-requests/KafkaRequests") {
  static layer(options: KafkaRequestsOptions) {
    return Layer.effect(KafkaRequests, Effect.gen(function*() {
      const metrics = new KafkaRequestMetrics((yield* KafkaRequestEdge).metricsRegistry)
      const requestTimeoutMs = options.requestTimeoutMs ?? 10_000
      const kafka = yield* makeKafkaConnection({ brokers: options.brokers, clientId: "trent-requests", requestTimeoutMs, security: options.security })
      const accounts = [options.defaultAccount, ...options.otherAccounts.filter((account) => account !== options.defaultAccount)]
      yield* Effect.forEach(
        accounts.flatMap((account) => options.regions.map((region) => ({ account, region }))),
        ({ account, region }) =>
          runRequestTopicWorker({
            kafka,
            account,
            topicPrefix: accountTopicPrefix(options.topicPrefix, options.defaultAccount, account),
            region,
            partitions: options.partitions ?? 12,
            maxInFlightPerPartition: options.maxInFlightPerPartition ?? 256,
            maxBodyBytes: options.maxBodyBytes,
            recentResults: options.recentResults ?? 100_000,
            requestTimeoutMs,
            metrics,
            hooks: options.hooks ?? {}
          }),
        { concurrency: "unbounded", discard: true }
      )
      return KafkaRequests.of({ metrics })
    }))
  }
}
