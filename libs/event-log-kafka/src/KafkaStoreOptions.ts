import type { KafkaSecurity } from "@trent/kafka-client"
import { join } from "node:path"

/** Where a Region's Kafka stores live and how patiently they talk to the brokers. */
export interface KafkaStoreOptions {
  /** `host:port` of one or more brokers of the cluster. */
  readonly brokers: ReadonlyArray<string>
  readonly region: string
  /** The server's data directory: the replica is `${dataDir}/${region}/kafka-replica.db`. */
  readonly dataDir: string
  /**
   * This server's replica of the events topic; default `${dataDir}/${region}/kafka-replica.db`. Each
   * process keeps its own (several workers on one data directory: one per writer slot).
   */
  readonly replicaFile?: string
  /** First part of every topic name; default "trent" (`trent.<region>.events`). Tests use unique ones. */
  readonly topicPrefix?: string
  /**
   * Partitions of the events topic; default 12. Fixed for the life of the topic: a stream's partition
   * is murmur2(streamId) mod this count, so changing it would move streams (start-up refuses a
   * topic with another count).
   */
  readonly partitions?: number
  /** The kafkajs client id; default `trent-<region>`. */
  readonly clientId?: string
  /** Deadline of every produce and of every wait for the local consumer; default 10 s. */
  readonly requestTimeoutMs?: number
  /** Replication factor of topics this store creates; default the broker's `default.replication.factor`. */
  readonly replicationFactor?: number
  /**
   * The keyvault topic rolls its active segment, so that a tombstoned KEK becomes compactable, at
   * most this long after the segment's first record (`segment.ms` = `max.compaction.lag.ms`);
   * default one hour. See KafkaKeyvault.ts for what "removed" means on Kafka.
   */
  readonly keyvaultCompactionLagMs?: number
  /**
   * Start-up reads the whole backlog before the store is ready; it fails when no record at all was
   * applied for this long (a broker that answers metadata but serves no data). Default 60 s.
   */
  readonly catchUpStallMs?: number
  /** TLS and SASL/SCRAM-SHA-512 to the brokers; plaintext when absent. */
  readonly security?: KafkaSecurity | undefined
}

export interface ResolvedKafkaStoreOptions {
  readonly brokers: ReadonlyArray<string>
  readonly region: string
  readonly partitions: number
  readonly clientId: string
  readonly requestTimeoutMs: number
  readonly replicationFactor: number | undefined
  readonly keyvaultCompactionLagMs: number
  readonly catchUpStallMs: number
  readonly eventsTopic: string
  readonly keyvaultTopic: string
  readonly auditTopic: string
  readonly replicaFile: string
  readonly security: KafkaSecurity | undefined
}

// Kafka topic names: at most 249 characters of [a-zA-Z0-9._-] (Kafka's Topic.validate).
const topicNamePart = /^[a-zA-Z0-9._-]+$/

const positiveInteger = (value: number, name: string): number => {
  if (!Number.isSafeInteger(value) || value < 1) throw new TypeError(`${name} must be a positive integer, got ${value}`)
  return value
}

/** Fills in the defaults and derives topic names; throws TypeError on options no broker would accept. */
export const resolveKafkaStoreOptions = (options: KafkaStoreOptions): ResolvedKafkaStoreOptions => {
  const prefix = options.topicPrefix ?? "trent"
  if (options.brokers.length === 0) throw new TypeError("brokers must name at least one host:port")
  for (const [name, part] of [["topicPrefix", prefix], ["region", options.region]] as const) {
    if (!topicNamePart.test(part)) throw new TypeError(`${name} ${JSON.stringify(part)} cannot be part of a Kafka topic name`)
  }
  const eventsTopic = `${prefix}.${options.region}.events`
  if (eventsTopic.length > 240) throw new TypeError(`topic names from ${prefix} and ${options.region} are too long for Kafka`)
  return {
    brokers: options.brokers,
    region: options.region,
    partitions: positiveInteger(options.partitions ?? 12, "partitions"),
    clientId: options.clientId ?? `trent-${options.region}`,
    requestTimeoutMs: positiveInteger(options.requestTimeoutMs ?? 10_000, "requestTimeoutMs"),
    replicationFactor: options.replicationFactor === undefined ? undefined : positiveInteger(options.replicationFactor, "replicationFactor"),
    keyvaultCompactionLagMs: positiveInteger(options.keyvaultCompactionLagMs ?? 3_600_000, "keyvaultCompactionLagMs"),
    catchUpStallMs: positiveInteger(options.catchUpStallMs ?? 60_000, "catchUpStallMs"),
    eventsTopic,
    keyvaultTopic: `${prefix}.${options.region}.keyvault`,
    auditTopic: `${prefix}.${options.region}.audit`,
    replicaFile: options.replicaFile ?? join(options.dataDir, options.region, "kafka-replica.db"),
    security: options.security
  }
}
