import { Effect } from "effect"
import { Kafka, type LogEntry, logLevel } from "kafkajs"
import { type KafkaSecurity, kafkaSecurityConfig } from "./kafkaSecurity.ts"

export interface KafkaConnectionOptions {
  readonly brokers: ReadonlyArray<string>
  readonly clientId: string
  /** Deadline of one broker request; connections time out at the smaller of this and 3 s. */
  readonly requestTimeoutMs: number
  /** TLS and SASL to the brokers; plaintext when absent. */
  readonly security?: KafkaSecurity | undefined
}

/**
 * A kafkajs client whose logs go to the Effect logger of the scope that made it, at debug level:
 * during a broker outage kafkajs logs every reconnect attempt as an error, several a second. What
 * an operator needs — a consumer that stopped, a message dropped — is logged once by the caller.
 * kafkajs keeps reconnecting by itself; its retries are short so that a call fails within the
 * caller's deadline rather than long after it. Trent's Kafka stores (event-log-kafka) use it too.
 */
export const makeKafkaConnection = Effect.fnUntraced(function*(options: KafkaConnectionOptions) {
  const context = yield* Effect.context<never>()
  const log = ({ namespace, level, log: { message, timestamp: _timestamp, logger: _logger, ...extra } }: LogEntry) => {
    Effect.runForkWith(context)(Effect.logDebug(`kafkajs ${logLevel[level]} ${namespace}: ${message}`, extra))
  }
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    connectionTimeout: Math.min(3_000, options.requestTimeoutMs),
    requestTimeout: options.requestTimeoutMs,
    logLevel: logLevel.INFO,
    logCreator: () => log,
    retry: { initialRetryTime: 100, maxRetryTime: 2_000, retries: 8 },
    ...kafkaSecurityConfig(options.security)
  })
})
