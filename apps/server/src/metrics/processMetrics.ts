import { collectDefaultMetrics, Registry } from "prom-client"

let registry: Registry | undefined

/**
 * The process's own metrics (prom-client's default collectors: CPU, memory,
 * heap, event-loop lag, GC, handles), under their standard `process_` and
 * `nodejs_` names so that stock Node.js dashboards read them. One registry per
 * process, made on first use: the collectors measure the process, and each
 * call of collectDefaultMetrics would start another event-loop monitor and GC
 * observer that nothing stops (tests start many servers in one process).
 */
export const processMetrics = (): Registry => {
  if (registry === undefined) {
    registry = new Registry()
    collectDefaultMetrics({ register: registry })
  }
  return registry
}
