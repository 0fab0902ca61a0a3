import { Schema } from "effect"
import { AuditRecord } from "./AuditRecord.ts"

const Hash = Schema.String.check(Schema.isPattern(/^[0-9a-f]{64}$/))
const Seq = Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))

/** `prevHash` of the entry with seq 1. */
export const genesisHash = "0".repeat(64)

/**
 * A signed statement that the log held entries 1..coversSeq, the last of them
 * hashing to coversHash. The signature is Ed25519 over checkpointMessage(...),
 * base64; it covers every earlier entry through the hash chain.
 *
 * The checkpoint at seq 1 covers nothing (coversSeq 0, coversHash genesisHash):
 * it is the chain's signed genesis, written when the chain is created, so
 * that an empty or unsigned log is never a valid chain.
 */
export const AuditCheckpoint = Schema.Struct({
  coversSeq: Schema.Int,
  coversHash: Hash,
  region: Schema.String,
  /**
   * The writer's chain (its file name, e.g. "audit-1.db"), signed with the
   * rest. Absent from checkpoints written before chains were named: those are
   * signed under checkpointMessage's v1 tag.
   */
  chain: Schema.optionalKey(Schema.String),
  /** Epoch milliseconds. */
  signedAt: Schema.Int,
  signature: Schema.String
})
export type AuditCheckpoint = typeof AuditCheckpoint.Type

/**
 * An entry of a Region's audit log: a record or a checkpoint, numbered 1, 2, 3…
 * and chained: `prevHash` is the previous entry's `hash` (genesisHash for seq 1)
 * and `hash` is the SHA-256 of the entry's canonical text (auditEntryHash).
 */
export const StoredAuditRecord = Schema.Struct({
  kind: Schema.Literal("record"),
  seq: Seq,
  prevHash: Hash,
  hash: Hash,
  record: AuditRecord
})
export type StoredAuditRecord = typeof StoredAuditRecord.Type

export const StoredAuditCheckpoint = Schema.Struct({
  kind: Schema.Literal("checkpoint"),
  seq: Seq,
  prevHash: Hash,
  hash: Hash,
  checkpoint: AuditCheckpoint
})
export type StoredAuditCheckpoint = typeof StoredAuditCheckpoint.Type

export const StoredAuditEntry = Schema.Union([StoredAuditRecord, StoredAuditCheckpoint])
export type StoredAuditEntry = typeof StoredAuditEntry.Type
