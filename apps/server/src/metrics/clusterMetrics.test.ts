import { AggregatorRegistry, Registry } from "prom-client"
import { describe, expect, it } from "vitest"
import { parseExposition, samplesOf } from "./exposition.test-support.ts"
import { keyStateLagSummary } from "./keyStateLagSummary.ts"
import { registerRegionGauges } from "./regionGauges.ts"
import { RequestMetrics } from "./RequestMetrics.ts"

/** One worker's registry: `requests` ListKeys answered, this audit queue, this replica lag and key-state lag (ms). */
const worker = (requests: number, queued: number, backlog: number, lagMs: number) => {
  const registry = new Registry()
  const metrics = new RequestMetrics(registry)
  for (let i = 0; i < requests; i++) metrics.record("ListKeys", i === 0 ? "AccessDeniedException" : "Success", 0.001)
  const labels = { account: "111122223333", region: "eu-west-1" }
  registerRegionGauges(registry, { auditQueues: async () => [{ ...labels, value: queued }], replicaBacklogs: async () => [{ ...labels, value: backlog }] })
  registry.registerMetric(keyStateLagSummary(async () => [{ ...labels, report: { applied: 5, lagMillis: { p50: lagMs, p99: lagMs, max: lagMs, window: 5 } } }]))
  return registry
}

describe("metrics aggregated over workers (what the primary answers a scrape with)", () => {
  it("sums requests, errors, latency and audit queues, and takes the worst worker's lags", async () => {
    const workers = await Promise.all([worker(3, 2, 1, 10), worker(2, 5, 7, 40)].map((registry) => registry.getMetricsAsJSON()))
    const { samples } = parseExposition(await AggregatorRegistry.aggregate(workers).metrics())
    expect(samplesOf(samples, "trent_requests_total", { outcome: "Success" })[0]?.value).toBe(3)
    expect(samplesOf(samples, "trent_request_errors_total", { code: "AccessDeniedException" })[0]?.value).toBe(2)
    expect(samplesOf(samples, "trent_request_duration_seconds_count")[0]?.value).toBe(5)
    expect(samplesOf(samples, "trent_audit_queue_depth")[0]?.value).toBe(7)
    expect(samplesOf(samples, "trent_kafka_replica_lag_records")[0]?.value).toBe(7)
    expect(samplesOf(samples, "trent_key_state_lag_seconds", { quantile: "0.99" })[0]?.value).toBe(0.04)
  })
})
