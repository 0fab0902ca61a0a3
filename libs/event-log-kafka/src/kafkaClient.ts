import { Effect } from "effect"
import { Kafka, type LogEntry, logLevel } from "kafkajs"

export interface KafkaClientOptions {
  readonly brokers: ReadonlyArray<string>
  readonly clientId: string
  readonly requestTimeoutMs: number
}

/**
 * A kafkajs client whose logs go to the Effect logger of the layer that made it, at debug level:
 * during a broker outage kafkajs logs every reconnect attempt as an error, several a second. What
 * an operator needs is logged by the stores themselves, once per event — a consumer that stopped
 * and why (ReplayConsumer.ts), a batch that could not be applied — and callers get EventLogFailure.
 * kafkajs keeps reconnecting by itself; its retries are short so that a call fails within the
 * store's deadline rather than long after it.
 */
export const makeKafkaClient = Effect.fnUntraced(function*(options: KafkaClientOptions) {
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
    retry: { initialRetryTime: 100, maxRetryTime: 2_000, retries: 8 }
  })
})
