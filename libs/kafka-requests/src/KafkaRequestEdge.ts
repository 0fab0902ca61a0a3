import type { HttpRequestParts } from "@trent/auth"
import type { WireError } from "@trent/protocol"
import { Context, type Effect } from "effect"
import type { Registry } from "prom-client"

/** The answer to one KMS request, as the server's request path gives it. */
export interface RequestAnswer {
  readonly status: number
  /** The response body HTTP would send: the result's JSON, or `{"__type": "...", "message": "..."}`. */
  readonly body: string
  /** The operation (or "Unknown") and outcome ("Success" or the AWS error code), for the metrics. */
  readonly operation: string
  readonly outcome: string
}

/**
 * What the request worker needs from the server that runs it: the one request
 * path the HTTP edge uses, the server's AWS answers to what the worker refuses
 * on its own, its Regions, and where its metrics go. The server provides it
 * (apps/server/src/kafkaRequestEdgeLayer.ts); the worker never sees the rest
 * of the server.
 */
export class KafkaRequestEdge extends Context.Service<KafkaRequestEdge, {
  /**
   * Runs one signed request as HTTP runs `POST /` (SigV4, decode, authorize,
   * run, audit, encode), with `requestId` as its request id, a signature scoped
   * to `region` alone (another Region is refused as HTTP refuses an unknown
   * one) and `aws:SecureTransport` false. Every failure is an answer.
   */
  readonly handle: (request: HttpRequestParts, requestId: string, region: string) => Effect.Effect<RequestAnswer>
  /** The answer to a request refused with `error`, as the HTTP edge answers it. */
  readonly failure: (operation: string, error: WireError) => RequestAnswer
  /** The answer to a request the worker could not run (KMSInternalException). */
  readonly internalFailure: (operation: string) => RequestAnswer
  /** The AWS error of a body over `maxBodyBytes`: 413, as HTTP refuses it. */
  readonly bodyTooLarge: (maxBodyBytes: number) => WireError
  /** Whether SigV4 takes session credentials: the worker authenticates a state change's signer as `handle` would. */
  readonly acceptSessionTokens: boolean
  /**
   * Whether this server hosts the account's Region, starting it if it is not
   * open yet: a started Region's log is then in RegionEventLogs.
   */
  readonly startRegion: (account: string, region: string) => Effect.Effect<boolean, unknown>
  /** Where the worker registers its counters: the server's registry, served at `GET /metrics`. */
  readonly metricsRegistry: Registry
}>()("@trent/kafka-requests/KafkaRequestEdge") {}
