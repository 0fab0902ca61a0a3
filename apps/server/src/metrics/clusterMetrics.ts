import type { Worker } from "node:cluster"
import { AggregatorRegistry, type Registry } from "prom-client"
import { isMessage } from "../SiblingWrites.ts"

/** A worker asks the primary for every worker's metrics, summed (`serve --workers N`). */
interface MetricsAsked {
  readonly trent: "metrics"
  readonly id: number
}

/** The primary's answer: the aggregate exposition, or why there is none. */
interface MetricsAnswered {
  readonly trent: "metrics-answered"
  readonly id: number
  readonly text?: string
  readonly error?: string
}

/** Longer than prom-client's own 5 s wait for the workers' answers, so that its error is the one reported. */
const ANSWER_TIMEOUT_MS = 6_000

/**
 * In a worker: makes prom-client answer the primary's requests for this
 * process's metrics from `registries` (AggregatorRegistry's constructor adds
 * that listener; there is one server per worker process).
 */
export const answerPrimaryFrom = (registries: ReadonlyArray<Registry>): void => {
  new AggregatorRegistry()
  AggregatorRegistry.setRegistries([...registries])
}

let nextId = 1

/**
 * In a worker: the whole server's metrics, as the primary aggregates them
 * (prom-client's AggregatorRegistry: counters and histograms summed, each
 * metric by its own aggregator). Any worker may take a scrape, so each asks
 * the primary rather than answering alone.
 */
export const askPrimaryForMetrics = (): Promise<string> =>
  new Promise((resolve, reject) => {
    const id = nextId++
    const done = (outcome: () => void) => {
      clearTimeout(timer)
      process.off("message", onMessage)
      outcome()
    }
    const onMessage = (message: unknown) => {
      if (!isMessage<MetricsAnswered>("metrics-answered")(message) || message.id !== id) return
      done(() => message.text === undefined ? reject(new Error(message.error ?? "no metrics")) : resolve(message.text))
    }
    const timer = setTimeout(() => done(() => reject(new Error(`the primary did not answer within ${ANSWER_TIMEOUT_MS} ms`))), ANSWER_TIMEOUT_MS)
    process.on("message", onMessage)
    process.send?.({ trent: "metrics", id } satisfies MetricsAsked)
  })

/** The primary's half: answers a worker's request with every worker's metrics, aggregated. */
export const metricsRelay = () => {
  const aggregator = new AggregatorRegistry()
  return {
    heard: (worker: Worker, message: unknown) => {
      if (!isMessage<MetricsAsked>("metrics")(message)) return
      const answer = (rest: { text: string } | { error: string }) => {
        if (worker.isConnected()) worker.send({ trent: "metrics-answered", id: message.id, ...rest } satisfies MetricsAnswered)
      }
      aggregator.clusterMetrics().then(
        (text) => answer({ text }),
        (error: unknown) => answer({ error: error instanceof Error ? error.message : String(error) })
      )
    }
  }
}
