import { randomUUID } from "node:crypto"
import { existsSync, readFileSync, writeFileSync } from "node:fs"

import { AuditLogFailure, type AuditStore, makeSqliteAuditStore, type StoredAuditEntry } from "@trent/audit"
import { Effect, type Scope } from "effect"
import { makeKafkaConnection } from "@trent/kafka-client"
import { type KafkaStoreOptions, resolveKafkaStoreOptions } from "./KafkaStoreOptions.ts"
import { connectProducer } from "./RecordProducer.ts"
import { connectAdmin, ensureTopic } from "./topicSetup.ts"

export interface KafkaAuditStoreOptions extends KafkaStoreOptions {
  /** This server's copy of the Region's trail: every read (query, GetKeyLastUsage, verify) is answered from it. */
  readonly auditFile: string
}

/**
 * `trent.<region>.audit`: one partition, kept forever. Each server that hosts
 * the Region writes its own hash chain (its own audit file) and publishes
 * every entry of it here, keyed by its writer id, so the topic holds every
 * server's whole chain and a verifier checks each chain on its own.
 */
const auditTopicSpec = (topic: string, region: string, replicationFactor: number | undefined) => ({
  topic,
  purpose: `the audit topic of Region ${region}`,
  partitions: 1,
  replicationFactor,
  required: { "cleanup.policy": "delete", "retention.ms": "-1" },
  tuning: { "retention.bytes": "-1" }
})

/** A marker file of this audit file's chain: `audit-writer-id` beside `audit.db`, `audit-1-writer-id` beside `audit-1.db`. */
const besideChain = (auditFile: string, what: string): string => `${auditFile.replace(/\.db$/, "")}-${what}`

/** A writer id that outlives restarts: kept beside the audit file. */
const writerIdOf = (auditFile: string): string => {
  const file = besideChain(auditFile, "writer-id")
  if (existsSync(file)) return readFileSync(file, "utf8").trim()
  const id = randomUUID()
  writeFileSync(file, `${id}\n`, { mode: 0o600 })
  return id
}

/**
 * The audit store of a Region on Kafka (issue #7): the SQLite audit store of
 * this server, whose every committed batch is also produced to the Region's
 * audit topic (acks=all, idempotent) before `commit` returns — so the record
 * of a request is in both before its response is sent. A batch the brokers do
 * not take fails the append (the request fails); it is published again with
 * the next commit, and at start everything after the last published seq is,
 * so the topic never has a gap (a crash may repeat an entry; verifiers drop
 * exact repeats).
 */
export const makeKafkaAuditStore = (options: KafkaAuditStoreOptions): Effect.Effect<AuditStore, AuditLogFailure, Scope.Scope> =>
  Effect.gen(function*() {
    const failure = (what: string) => (cause: unknown) => AuditLogFailure.during(what, cause)
    const resolved = yield* Effect.try({ try: () => resolveKafkaStoreOptions(options), catch: failure("configuring the Kafka audit store") })
    const local = yield* makeSqliteAuditStore({ file: options.auditFile, region: options.region })
    const writer = writerIdOf(options.auditFile)
    const kafka = yield* makeKafkaConnection(resolved)
    yield* Effect.scoped(Effect.gen(function*() {
      const admin = yield* connectAdmin(kafka, resolved.requestTimeoutMs)
      yield* ensureTopic(admin, auditTopicSpec(resolved.auditTopic, resolved.region, resolved.replicationFactor), resolved.requestTimeoutMs)
    })).pipe(Effect.mapError(failure(`setting up ${resolved.auditTopic}`)))
    const producer = yield* connectProducer(kafka, resolved.requestTimeoutMs).pipe(Effect.mapError(failure("connecting the audit producer")))
    const markFile = besideChain(options.auditFile, "published-seq")
    let published = existsSync(markFile) ? Number(readFileSync(markFile, "utf8")) || 0 : 0

    /** One record per batch: the entries, in order, as a JSON array (one round trip, however many). */
    const publish = (entries: ReadonlyArray<StoredAuditEntry>) =>
      Effect.gen(function*() {
        if (entries.length === 0) return
        const first = entries[0]!.seq
        const last = entries[entries.length - 1]!.seq
        yield* producer.send({
          topic: resolved.auditTopic,
          partition: 0,
          key: writer,
          value: JSON.stringify(entries),
          what: `audit entries ${first}..${last}`
        }).pipe(Effect.mapError(failure(`publishing audit entries ${first}..${last} to ${resolved.auditTopic}`)))
        published = last
        // Not synced: a stale mark only means entries are published again after a crash.
        writeFileSync(markFile, String(published), { mode: 0o600 })
      })

    /** Entries committed locally but not yet published (after a failed publish, or a crash): rare, so a scan. */
    const backlog = local.scan((entries) =>
      [...entries].filter((entry) => (entry as StoredAuditEntry).seq > published) as Array<StoredAuditEntry>
    )
    yield* Effect.flatMap(backlog, publish)

    const commit: AuditStore["commit"] = (sealed) =>
      Effect.gen(function*() {
        yield* local.commit(sealed)
        const first = sealed[0]?.entry.seq
        yield* first === published + 1 ? publish(sealed.map((each) => each.entry)) : Effect.flatMap(backlog, publish)
      })

    return { ...local, commit }
  })
