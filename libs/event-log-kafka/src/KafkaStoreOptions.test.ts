import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { resolveKafkaStoreOptions } from "./KafkaStoreOptions.ts"

describe("resolveKafkaStoreOptions", () => {
  it("names the topics trent.<region>.events, .keyvault and .audit and puts the replica in the Region's data directory", () => {
    expect(resolveKafkaStoreOptions({ brokers: ["b:9092"], region: "us-east-1", dataDir: "/data" })).toEqual({
      brokers: ["b:9092"],
      region: "us-east-1",
      partitions: 12,
      clientId: "trent-us-east-1",
      requestTimeoutMs: 10_000,
      replicationFactor: undefined,
      keyvaultCompactionLagMs: 3_600_000,
      catchUpStallMs: 60_000,
      eventsTopic: "trent.us-east-1.events",
      keyvaultTopic: "trent.us-east-1.keyvault",
      auditTopic: "trent.us-east-1.audit",
      replicaFile: join("/data", "us-east-1", "kafka-replica.db")
    })
  })

  it("takes a topic prefix and tuning", () => {
    const resolved = resolveKafkaStoreOptions({ brokers: ["b:1"], region: "eu-west-1", dataDir: "d", topicPrefix: "test-1", partitions: 3, requestTimeoutMs: 500 })
    expect(resolved).toMatchObject({ eventsTopic: "test-1.eu-west-1.events", partitions: 3, requestTimeoutMs: 500 })
  })

  it.each([
    [{ brokers: [] }, /brokers must name at least one/],
    [{ region: "eu west" }, /region "eu west" cannot be part of a Kafka topic name/],
    [{ topicPrefix: "a/b" }, /topicPrefix "a\/b" cannot be part/],
    [{ partitions: 0 }, /partitions must be a positive integer/],
    [{ requestTimeoutMs: 1.5 }, /requestTimeoutMs must be a positive integer/]
  ])("refuses %j", (overrides, message) => {
    expect(() => resolveKafkaStoreOptions({ brokers: ["b:1"], region: "eu-west-1", dataDir: "d", ...overrides })).toThrow(message)
  })
})
