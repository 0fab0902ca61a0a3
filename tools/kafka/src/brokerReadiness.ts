import { Kafka, logLevel } from "kafkajs"
import { KafkaToolFailure } from "./KafkaToolFailure.ts"
import { tailOf } from "./loggedCommand.ts"

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

// An open port is not a ready broker: KRaft binds its listeners before the broker has registered
// with the controller and caught up with the metadata log. Ready means a client can describe the
// cluster (this broker listed, a controller elected) and list topics.
const answersMetadata = async (kafka: Kafka): Promise<boolean> => {
  const admin = kafka.admin({ retry: { retries: 0 } })
  try {
    await admin.connect()
    const cluster = await admin.describeCluster()
    if (cluster.brokers.length === 0 || cluster.controller === null) return false
    await admin.listTopics()
    return true
  } catch {
    return false
  } finally {
    await admin.disconnect().catch(() => undefined)
  }
}

// A fresh broker creates __consumer_offsets on the first FindCoordinator and loads it, and gets its
// first producer-id block from the controller on the first InitProducerId; until then clients see
// retriable "coordinator is loading" errors that kafkajs logs as ERROR and that crash-restart a
// consumer. Asking for both here (kafkajs retries them) hands tests a broker without that noise.
const warmUp = async (brokers: string, serverLog: string): Promise<void> => {
  const kafka = new Kafka({
    clientId: "trent-kafka-readiness",
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 100, retries: 20 }
  })
  const admin = kafka.admin()
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  try {
    await admin.connect()
    await admin.describeGroups(["trent-kafka-readiness"])
    await producer.connect()
  } catch (error) {
    throw new KafkaToolFailure(`the Kafka broker at ${brokers} answers metadata but its coordinators never became ready: ${String(error)}`, serverLog)
  } finally {
    await producer.disconnect().catch(() => undefined)
    await admin.disconnect().catch(() => undefined)
  }
}

/**
 * Waits until the broker at `brokers` answers metadata through kafkajs, the client Trent uses, and
 * its group coordinator and producer ids are ready. Fails at once, with the end of its log, if the
 * broker process exits first.
 */
export const waitUntilReady = async (options: {
  readonly brokers: string
  readonly isRunning: () => boolean
  readonly serverLog: string
  readonly consoleLog: string
  readonly timeoutMs: number
}): Promise<void> => {
  const kafka = new Kafka({
    clientId: "trent-kafka-readiness",
    brokers: [options.brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 5_000,
    retry: { retries: 0 }
  })
  const deadline = Date.now() + options.timeoutMs
  for (;;) {
    if (!options.isRunning()) {
      throw new KafkaToolFailure(
        `the Kafka broker exited before it was ready:\n${tailOf(options.consoleLog)}\n${tailOf(options.serverLog)}`,
        options.serverLog
      )
    }
    if (await answersMetadata(kafka)) {
      await warmUp(options.brokers, options.serverLog)
      return
    }
    if (Date.now() > deadline) {
      throw new KafkaToolFailure(`the Kafka broker at ${options.brokers} was not ready after ${options.timeoutMs / 1000} s`, options.serverLog)
    }
    await sleep(250)
  }
}
