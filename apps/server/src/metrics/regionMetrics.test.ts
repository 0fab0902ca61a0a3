import { Registry } from "prom-client"
import { describe, expect, it } from "vitest"
import { parseExposition, samplesOf } from "./exposition.test-support.ts"
import { keyStateLagSummary } from "./keyStateLagSummary.ts"
import { registerRegionGauges } from "./regionGauges.ts"

const report = (applied: number, p50: number, p99: number, max: number) => ({ applied, lagMillis: { p50, p99, max, window: applied } })

describe("the Regions' metrics", () => {
  it("serves the key-state lag as a summary per account and Region, in seconds, read at scrape time", async () => {
    const registry = new Registry()
    let freshness = [{ account: "111122223333", region: "eu-west-1", report: report(0, 0, 0, 0) }]
    registry.registerMetric(keyStateLagSummary(async () => freshness))
    expect(samplesOf(parseExposition(await registry.metrics()).samples, "trent_key_state_lag_seconds_count")[0]?.value).toBe(0)
    freshness = [{ account: "111122223333", region: "eu-west-1", report: report(7, 4, 12, 30) }]
    const { samples, types } = parseExposition(await registry.metrics())
    expect(types.get("trent_key_state_lag_seconds")).toBe("summary")
    const labels = { account: "111122223333", region: "eu-west-1" }
    expect(samplesOf(samples, "trent_key_state_lag_seconds", { ...labels, quantile: "0.5" })[0]?.value).toBe(0.004)
    expect(samplesOf(samples, "trent_key_state_lag_seconds", { ...labels, quantile: "0.99" })[0]?.value).toBe(0.012)
    expect(samplesOf(samples, "trent_key_state_lag_seconds", { ...labels, quantile: "1" })[0]?.value).toBe(0.03)
    expect(samplesOf(samples, "trent_key_state_lag_seconds_count", labels)[0]?.value).toBe(7)
  })

  it("serves the audit queue depth and the Kafka replica lag per Region, and only the Regions read this scrape", async () => {
    const registry = new Registry()
    let queues = [{ account: "111122223333", region: "eu-west-1", value: 3 }, { account: "444455556666", region: "eu-west-1", value: 0 }]
    registerRegionGauges(registry, {
      auditQueues: async () => queues,
      replicaBacklogs: async () => [{ account: "111122223333", region: "us-east-1", value: 12 }]
    })
    const first = parseExposition(await registry.metrics()).samples
    expect(samplesOf(first, "trent_audit_queue_depth").map(({ labels, value }) => ({ labels, value }))).toEqual([
      { labels: { account: "111122223333", region: "eu-west-1" }, value: 3 },
      { labels: { account: "444455556666", region: "eu-west-1" }, value: 0 }
    ])
    expect(samplesOf(first, "trent_kafka_replica_lag_records", { region: "us-east-1" })[0]?.value).toBe(12)
    // A Region that stopped (or another account's) is gone from the next scrape.
    queues = [{ account: "111122223333", region: "eu-west-1", value: 1 }]
    expect(samplesOf(parseExposition(await registry.metrics()).samples, "trent_audit_queue_depth").map(({ value }) => value)).toEqual([1])
  })
})
