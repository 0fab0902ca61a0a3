import { createHash } from "node:crypto"
import { type AuditCheckpoint, genesisHash, type StoredAuditEntry } from "./AuditEntry.ts"
import type { AuditRecord } from "./AuditRecord.ts"
import { canonicalJson } from "./canonicalJson.ts"
import { checkpointMessage } from "./checkpointMessage.ts"

/** Where a log ends: the last entry's seq and hash (seq 0 and genesisHash for an empty log). */
export interface ChainTip {
  readonly seq: number
  readonly hash: string
}

export const emptyChain: ChainTip = Object.freeze({ seq: 0, hash: genesisHash })

/** An entry ready to store, with its body's canonical text (what a store writes and a reader parses back). */
export interface SealedAuditEntry {
  readonly entry: StoredAuditEntry
  readonly bodyJson: string
}

const sha256Hex = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex")

/**
 * The canonical text of an entry, `canonicalJson({ seq, prevHash, record })`
 * (or `checkpoint` in place of `record`), composed from the body's canonical
 * text so that a record is serialized once. Member order is the canonical
 * one: "checkpoint" < "prevHash" < "record" < "seq". `prevHash` must be hex.
 */
const entryText = (seq: number, prevHash: string, body: "record" | "checkpoint", bodyJson: string): string =>
  body === "record"
    ? `{"prevHash":"${prevHash}","record":${bodyJson},"seq":${seq}}`
    : `{"checkpoint":${bodyJson},"prevHash":"${prevHash}","seq":${seq}}`

/**
 * The hash an entry must carry, recomputed from its fields: hex SHA-256 of
 * `canonicalJson({ seq, prevHash, record })` or `{ seq, prevHash, checkpoint }`.
 * Throws a TypeError when the body is not JSON (a verifier treats that as an
 * edit). Slower than sealing, which composes the same text.
 */
export const auditEntryHash = (entry: StoredAuditEntry): string =>
  sha256Hex(
    canonicalJson(
      entry.kind === "record"
        ? { seq: entry.seq, prevHash: entry.prevHash, record: entry.record }
        : { seq: entry.seq, prevHash: entry.prevHash, checkpoint: entry.checkpoint }
    )
  )

/** Appends a record after `tip`. `recordJson` must be `canonicalJson(record)`. */
export const sealRecord = (tip: ChainTip, record: AuditRecord, recordJson: string): SealedAuditEntry => {
  const seq = tip.seq + 1
  const hash = sha256Hex(entryText(seq, tip.hash, "record", recordJson))
  return { entry: { kind: "record", seq, prevHash: tip.hash, hash, record }, bodyJson: recordJson }
}

/**
 * Appends a checkpoint covering everything up to `tip`, signed by `sign`
 * (Ed25519), naming `chain` when given. After emptyChain it is the genesis.
 */
export const sealCheckpoint = (
  tip: ChainTip,
  region: string,
  signedAt: number,
  sign: (message: Uint8Array) => Uint8Array,
  chain?: string | undefined
): SealedAuditEntry => {
  const signature = Buffer.from(sign(checkpointMessage(region, tip.seq, tip.hash, signedAt, chain))).toString("base64")
  const checkpoint: AuditCheckpoint = {
    coversSeq: tip.seq,
    coversHash: tip.hash,
    region,
    ...(chain === undefined ? {} : { chain }),
    signedAt,
    signature
  }
  const bodyJson = canonicalJson(checkpoint)
  const seq = tip.seq + 1
  const hash = sha256Hex(entryText(seq, tip.hash, "checkpoint", bodyJson))
  return { entry: { kind: "checkpoint", seq, prevHash: tip.hash, hash, checkpoint }, bodyJson }
}

export const tipOf = (entry: StoredAuditEntry): ChainTip => ({ seq: entry.seq, hash: entry.hash })
