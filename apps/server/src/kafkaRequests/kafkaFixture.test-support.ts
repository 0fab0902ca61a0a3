import { randomUUID } from "node:crypto"
import { signRequest } from "@trent/auth"
import {
  decodeReply,
  type KafkaKmsClient,
  type KafkaKmsClientOptions,
  type KafkaReply,
  makeKafkaKmsClient,
  type RequestMessage,
  requestTopicName,
  signedRequestMessage
} from "@trent/kafka-client"
import { Effect, Exit, Scope } from "effect"
import { type Consumer, Kafka, logLevel, Partitioners, type Producer } from "kafkajs"
import { inject } from "vitest"

declare module "vitest" {
  export interface ProvidedContext {
    kafkaBrokers: string
  }
}

export const testBrokers = (): Array<string> => inject("kafkaBrokers").split(",")

/** A topic prefix of the test's own: its request, results and reply topics are new. */
export const freshPrefix = (name: string) => `kr-${name}-${randomUUID().slice(0, 8)}`

export interface Credentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
}

/** A KafkaKmsClient for the scope of the returned `close`. */
export const openClient = async (options: KafkaKmsClientOptions) => {
  const scope = Effect.runSync(Scope.make())
  const client = await Effect.runPromise(Scope.provide(makeKafkaKmsClient(options), scope))
  return { client, close: () => Effect.runPromise(Scope.close(scope, Exit.void)) }
}

export type Answer = { readonly status: number; readonly json: Record<string, unknown> }

/** One call through Kafka as status and JSON, errors included (KmsErrorReply → `{__type, message}`). */
export const kafkaAnswer = (client: KafkaKmsClient["Service"], operation: string, body: Record<string, unknown>): Promise<Answer> =>
  Effect.runPromise(client.call(operation, body).pipe(
    Effect.map((json) => ({ status: 200, json })),
    Effect.catchTag("KmsErrorReply", (error) =>
      Effect.succeed({ status: error.status, json: JSON.parse(error.body) as Record<string, unknown> }))
  ))

/** The same request over HTTP, SigV4-signed. */
export const httpAnswer = async (url: string, credentials: Credentials, region: string, operation: string, body: Record<string, unknown>): Promise<Answer> => {
  const text = JSON.stringify(body)
  const headers = { host: new URL(url).host, "content-type": "application/x-amz-json-1.1", "x-amz-target": `TrentService.${operation}` }
  const signed = signRequest({ method: "POST", path: "/", headers, body: new TextEncoder().encode(text), ...credentials, region, service: "kms", now: Date.now() })
  const response = await fetch(url, { method: "POST", headers: { ...headers, ...signed }, body: text })
  return { status: response.status, json: await response.json() as Record<string, unknown> }
}

/** A raw producer and a reply-topic reader, for messages the client would never send. */
export const openRawKafka = async (replyTopic: string) => {
  const kafka = new Kafka({ clientId: "test-raw", brokers: testBrokers(), logLevel: logLevel.NOTHING })
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: replyTopic, numPartitions: 1 }] })
  await admin.disconnect()
  const producer: Producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner })
  await producer.connect()
  const replies: Array<KafkaReply> = []
  const consumer: Consumer = kafka.consumer({ groupId: `test-raw-${randomUUID()}`, maxWaitTimeInMs: 100 })
  await consumer.connect()
  await consumer.subscribe({ topics: [replyTopic], fromBeginning: true })
  await consumer.run({
    eachMessage: async ({ message }) => {
      const reply = decodeReply(message)
      if (reply !== undefined) replies.push(reply)
    }
  })
  return {
    replies,
    send: (topic: string, message: { key?: string | null; value: Buffer | string | null; headers?: Record<string, string>; partition?: number }) =>
      producer.send({ topic, acks: -1, messages: [message] }),
    sendMany: (topic: string, messages: ReadonlyArray<{ key?: string | null; value: Buffer | string | null; headers?: Record<string, string> }>) =>
      producer.send({ topic, acks: -1, messages: [...messages] }),
    createTopic: async (topic: string, numPartitions: number) => {
      const admin = kafka.admin()
      await admin.connect()
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions }] })
      await admin.disconnect()
    },
    /** Waits until `count` replies satisfy `predicate`. */
    awaitReplies: async (predicate: (reply: KafkaReply) => boolean, count: number, timeoutMs = 30_000) => {
      const started = Date.now()
      for (;;) {
        const matching = replies.filter(predicate)
        if (matching.length >= count) return matching
        if (Date.now() - started > timeoutMs) throw new Error(`only ${matching.length} of ${count} replies after ${timeoutMs} ms`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    },
    close: async () => {
      await consumer.disconnect()
      await producer.disconnect()
    }
  }
}

/** A signed request message as KafkaKmsClient would build it. */
export const requestMessage = (options: {
  readonly topicPrefix: string
  readonly region: string
  readonly credentials: Credentials
  readonly replyTo: string
  readonly operation: string
  readonly body: Record<string, unknown>
  readonly correlationId?: string
  readonly now?: number
}): RequestMessage & { readonly correlationId: string; readonly topic: string } => {
  const correlationId = options.correlationId ?? randomUUID()
  const topic = requestTopicName(options.topicPrefix, options.region)
  return {
    topic,
    correlationId,
    ...signedRequestMessage({
      operation: options.operation,
      body: JSON.stringify(options.body),
      region: options.region,
      requestTopic: topic,
      correlationId,
      replyTo: options.replyTo,
      key: typeof options.body["KeyId"] === "string" ? options.body["KeyId"] : null,
      credentials: options.credentials,
      now: options.now ?? Date.now()
    })
  }
}
