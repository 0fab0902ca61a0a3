import { Gauge, type Registry } from "prom-client"

/** One reading per Region, as the gauges below take them at scrape time. */
export type RegionReadings = ReadonlyArray<{ readonly account: string; readonly region: string; readonly value: number }>

/** A gauge by account and Region whose values are read when Prometheus scrapes (nothing is kept between scrapes). */
const regionGauge = (
  registry: Registry,
  config: { readonly name: string; readonly help: string; readonly aggregator: "sum" | "max" },
  read: () => Promise<RegionReadings>
) =>
  new Gauge({
    ...config,
    labelNames: ["account", "region"],
    registers: [registry],
    async collect() {
      const readings = await read()
      this.reset()
      for (const { account, region, value } of readings) this.set({ account, region }, value)
    }
  })

/**
 * The Regions' gauges: each running Region's audit writer queue and, on the
 * Kafka store, how far its replica is behind the events topic. Across workers
 * the queues add up (each worker writes its own audit chain); the replica lag
 * is the worst worker's.
 */
export const registerRegionGauges = (
  registry: Registry,
  read: { readonly auditQueues: () => Promise<RegionReadings>; readonly replicaBacklogs: () => Promise<RegionReadings> }
): void => {
  regionGauge(registry, {
    name: "trent_audit_queue_depth",
    help: "Audit records waiting for the Region's audit writer (group commit queue), by account and Region.",
    aggregator: "sum"
  }, read.auditQueues)
  regionGauge(registry, {
    name: "trent_kafka_replica_lag_records",
    help: "Records on the Region's Kafka events topic that this process's replica has not applied yet (high watermark less applied).",
    aggregator: "max"
  }, read.replicaBacklogs)
}
