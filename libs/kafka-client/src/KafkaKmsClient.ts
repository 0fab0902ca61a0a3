import { randomUUID } from "node:crypto"
import { Clock, Context, Effect, Layer, Schedule, type Scope } from "effect"
import { KafkaKmsFailure, KafkaKmsTimeout, KmsErrorReply } from "./KafkaKmsErrors.ts"
import { requestTopicName } from "./KafkaMessageFormat.ts"
import { decodeReply, type KafkaReply } from "./KafkaReply.ts"
import { type KmsCredentials, signedRequestMessage, targetKeyOf } from "./KafkaRequestMessage.ts"
import { makeKafkaConnection } from "./kafkaConnection.ts"
import type { KafkaSecurity } from "./kafkaSecurity.ts"
import { connectGroupCommitProducer } from "./GroupCommitProducer.ts"
import { runResumingConsumer } from "./ResumingConsumer.ts"
import { connectAdmin, ensureTopic, highWatermarks } from "./topicSetup.ts"
import { wallClockDeadline } from "./wallClock.ts"

export interface KafkaKmsClientOptions {
  /** `host:port` of one or more brokers of the cluster Trent consumes. */
  readonly brokers: ReadonlyArray<string>
  /** The Region: it names the request topic and goes into the SigV4 credential scope. */
  readonly region: string
  readonly credentials: KmsCredentials
  /**
   * Where Trent sends the replies; created (1 partition, 1 hour retention) if missing. Replies
   * hold what HTTP responses hold — plaintext data keys among them — so give each application a
   * reply topic of its own that only it can read.
   */
  readonly replyTopic: string
  /**
   * The server's topic prefix, "trent" by default. An account other than the server's default
   * account has its own topics: `<prefix>.<account>` ("trent.444455556666").
   */
  readonly topicPrefix?: string
  /** How long `call` waits for its reply; default 30 s. */
  readonly timeoutMs?: number
  readonly clientId?: string
  /** TLS and SASL/SCRAM-SHA-512 to the brokers; plaintext when absent. */
  readonly security?: KafkaSecurity
}

export interface CallOptions {
  /**
   * The message key; default the request's KeyId (or DestinationKeyId, TargetKeyId, AliasName), and
   * for a request on no key the correlation id. Requests with one key are run in the order sent.
   */
  readonly key?: string | null
  /** The correlation id; default a fresh UUID. Reuse one only to retry the same request. */
  readonly correlationId?: string
}

export type KafkaKmsError = KmsErrorReply | KafkaKmsTimeout | KafkaKmsFailure

const replyTopicConfigs = { "cleanup.policy": "delete", "retention.ms": "3600000" }

const parseReply = (reply: KafkaReply, correlationId: string): Effect.Effect<Record<string, unknown>, KmsErrorReply | KafkaKmsFailure> => {
  let json: { readonly __type?: unknown; readonly message?: unknown }
  try {
    json = JSON.parse(reply.body) as typeof json
  } catch (cause) {
    return Effect.fail(KafkaKmsFailure.during(`reading the reply to ${correlationId}`, cause))
  }
  if (reply.status === 200) return Effect.succeed(json as Record<string, unknown>)
  return Effect.fail(new KmsErrorReply({
    type: typeof json.__type === "string" ? json.__type : "UnknownError",
    message: typeof json.message === "string" ? json.message : "",
    status: reply.status,
    correlationId,
    body: reply.body
  }))
}

/**
 * AWS KMS requests to Trent over Kafka: each call signs its request (SigV4, as an AWS SDK would),
 * writes it to the Region's request topic with a fresh correlation id and this client's reply
 * topic, and waits for the reply. One reply consumer serves every call in flight. A write that
 * fails is retried with the same correlation id until the call's timeout: Trent answers a repeated
 * request from its results and never runs a state change twice.
 */
export const makeKafkaKmsClient = (options: KafkaKmsClientOptions): Effect.Effect<KafkaKmsClient["Service"], KafkaKmsFailure, Scope.Scope> =>
  Effect.gen(function*() {
    const timeoutMs = options.timeoutMs ?? 30_000
    const requestTopic = requestTopicName(options.topicPrefix ?? "trent", options.region)
    const kafka = yield* makeKafkaConnection({ brokers: options.brokers, clientId: options.clientId ?? "trent-kafka-client", requestTimeoutMs: 10_000, security: options.security })
    const startOffsets = yield* Effect.scoped(Effect.gen(function*() {
      const admin = yield* connectAdmin(kafka, 10_000)
      yield* ensureTopic(admin, { topic: options.replyTopic, purpose: "the reply topic", partitions: 1, configs: replyTopicConfigs }, 10_000)
      return yield* highWatermarks(admin, options.replyTopic, 10_000)
    }))
    const waiting = new Map<string, Array<(reply: KafkaReply) => void>>()
    yield* runResumingConsumer({
      kafka,
      topic: options.replyTopic,
      groupIdPrefix: `${options.clientId ?? "trent-kafka-client"}-replies`,
      startOffsets,
      purpose: "the reply topic",
      onMessages: (_, messages) => {
        for (const message of messages) {
          const reply = decodeReply(message)
          const waiters = reply?.correlationId === undefined ? undefined : waiting.get(reply.correlationId)
          if (waiters === undefined) continue
          waiting.delete(reply!.correlationId!)
          for (const resolve of waiters) resolve(reply!)
        }
      }
    })
    const producer = yield* connectGroupCommitProducer(kafka, { timeoutMs: 10_000, idempotent: false })

    const awaitReply = (correlationId: string) =>
      Effect.callback<KafkaReply>((resume) => {
        const resolve = (reply: KafkaReply) => resume(Effect.succeed(reply))
        const waiters = waiting.get(correlationId)
        if (waiters === undefined) waiting.set(correlationId, [resolve])
        else waiters.push(resolve)
        return Effect.sync(() => {
          const left = waiting.get(correlationId)?.filter((waiter) => waiter !== resolve)
          if (left === undefined || left.length === 0) waiting.delete(correlationId)
          else waiting.set(correlationId, left)
        })
      })

    const call = (operation: string, request: Readonly<Record<string, unknown>>, callOptions: CallOptions = {}) =>
      Effect.gen(function*() {
        const correlationId = callOptions.correlationId ?? randomUUID()
        const message = signedRequestMessage({
          operation,
          body: JSON.stringify(request),
          region: options.region,
          requestTopic,
          correlationId,
          replyTo: options.replyTopic,
          // Without a key reference, the correlation id: a retry lands in the partition of the first attempt.
          key: (callOptions.key === undefined ? targetKeyOf(request) : callOptions.key) ?? correlationId,
          credentials: options.credentials,
          now: yield* Clock.currentTimeMillis
        })
        // Written until the brokers take it (retries carry the same correlation id), but the reply decides:
        // a write whose acknowledgement was lost may well have been answered.
        const written = producer.send([{ topic: requestTopic, ...message }]).pipe(Effect.retry({ schedule: Schedule.spaced("250 millis") }))
        const reply = yield* Effect.raceFirst(awaitReply(correlationId), Effect.andThen(written, Effect.never)).pipe(
          wallClockDeadline(timeoutMs, () => new KafkaKmsTimeout({ message: `no reply to ${operation} ${correlationId} within ${timeoutMs / 1000} s`, correlationId }))
        )
        return yield* parseReply(reply, correlationId)
      })

    return KafkaKmsClient.of({ requestTopic, call })
  })

/** KafkaKmsClient: AWS KMS operations over Kafka, answered by Trent's request worker. */
export class KafkaKmsClient extends Context.Service<KafkaKmsClient, {
  readonly requestTopic: string
  /**
   * Runs one AWS KMS operation (`"Encrypt"`, `{ KeyId, Plaintext }` — the AWS JSON 1.1 request,
   * blobs in base64) and answers its JSON result, or KmsErrorReply with the AWS error type.
   */
  call(operation: string, request: Readonly<Record<string, unknown>>, options?: CallOptions): Effect.Effect<Record<string, unknown>, KafkaKmsError>
}>()("@trent/kafka-client/KafkaKmsClient") {
  /** The client for the scope of the layer: connected, its reply topic ready, its consumer running. */
  static layer(options: KafkaKmsClientOptions): Layer.Layer<KafkaKmsClient, KafkaKmsFailure> {
    return Layer.effect(KafkaKmsClient, makeKafkaKmsClient(options))
  }
}
