import { Context, Layer } from "effect"
import { Registry } from "prom-client"
import { isWorkerProcess } from "../Workers.ts"
import { answerPrimaryFrom, askPrimaryForMetrics } from "./clusterMetrics.ts"
import { processMetrics } from "./processMetrics.ts"

/**
 * The server's Prometheus metrics (prom-client): `registry` is where its parts
 * (the HTTP edge, the Regions, the Kafka request worker) register theirs, one
 * registry per server; `scrape` renders them with the process's own for
 * `GET /metrics` — in a worker of `serve --workers N`, every worker's,
 * aggregated by the primary.
 */
export class MetricsRegistry extends Context.Service<MetricsRegistry, {
  readonly registry: Registry
  readonly scrape: () => Promise<string>
  readonly contentType: string
}>()("@trent/server/MetricsRegistry") {
  static readonly layer = Layer.sync(MetricsRegistry, () => {
    const registry = new Registry()
    const registries = [processMetrics(), registry]
    if (isWorkerProcess()) answerPrimaryFrom(registries)
    return MetricsRegistry.of({
      registry,
      scrape: isWorkerProcess() ? askPrimaryForMetrics : () => Registry.merge(registries).metrics(),
      contentType: Registry.PROMETHEUS_CONTENT_TYPE
    })
  })
}
