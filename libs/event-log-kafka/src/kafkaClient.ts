import { type KafkaSecurity, makeKafkaConnection } from "@trent/kafka-client"

export interface KafkaClientOptions {
  readonly brokers: ReadonlyArray<string>
  readonly clientId: string
  readonly requestTimeoutMs: number
  readonly security?: KafkaSecurity | undefined
}

/**
 * The stores' kafkajs client: kafka-client's connection (logs at debug level, short retries, TLS and
 * SASL when configured). What an operator needs is logged by the stores themselves, once per event —
 * a consumer that stopped and why (ReplayConsumer.ts), a batch that could not be applied — and
 * callers get EventLogFailure.
 */
export const makeKafkaClient = (options: KafkaClientOptions) => makeKafkaConnection(options)
