import type { KeyObject } from "node:crypto"
import { Schema } from "effect"
import type { StoredAuditCheckpoint } from "./AuditEntry.ts"
import { auditEntryHash } from "./auditChain.ts"
import { checkpointSignatureValid } from "./checkpointSignature.ts"

/**
 * A signed checkpoint as published outside the audit file (the witness file
 * `audit-witness.jsonl` and the server's JSON log): which chain reached which entry, with that entry's
 * hash and the checkpoint's own signature, so that a copy kept elsewhere
 * proves how far the chain had come. `closed` says its writer stopped there:
 * the next entry of the chain, if any, must be another writer's opening
 * checkpoint, never a record.
 */
export const AuditAnchor = Schema.Struct({
  region: Schema.String,
  chain: Schema.String,
  /** The checkpoint entry's seq and hash. */
  seq: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  hash: Schema.String.check(Schema.isPattern(/^[0-9a-f]{64}$/)),
  /** What it signs: entries 1..seq-1, the last hashing to coversHash. */
  coversHash: Schema.String.check(Schema.isPattern(/^[0-9a-f]{64}$/)),
  signedAt: Schema.Int,
  signature: Schema.String,
  closed: Schema.Boolean
})
export type AuditAnchor = typeof AuditAnchor.Type

/** The anchor of a checkpoint the writer just made durable. */
export const anchorOf = (entry: StoredAuditCheckpoint, chain: string, closed: boolean): AuditAnchor => ({
  region: entry.checkpoint.region,
  chain,
  seq: entry.seq,
  hash: entry.hash,
  coversHash: entry.checkpoint.coversHash,
  signedAt: entry.checkpoint.signedAt,
  signature: entry.checkpoint.signature,
  closed
})

/** The checkpoint entry an anchor describes, rebuilt from its fields. */
const entryOf = (anchor: AuditAnchor): StoredAuditCheckpoint => ({
  kind: "checkpoint",
  seq: anchor.seq,
  prevHash: anchor.coversHash,
  hash: anchor.hash,
  checkpoint: {
    coversSeq: anchor.seq - 1,
    coversHash: anchor.coversHash,
    region: anchor.region,
    chain: anchor.chain,
    signedAt: anchor.signedAt,
    signature: anchor.signature
  }
})

/**
 * Whether the anchor is a checkpoint signed under `key`, and its hash that
 * checkpoint entry's: a forged or garbled line proves nothing and is not used.
 */
export const anchorSignedBy = (key: KeyObject, anchor: AuditAnchor): boolean => {
  const entry = entryOf(anchor)
  return checkpointSignatureValid(key, entry.checkpoint) && auditEntryHash(entry) === anchor.hash
}

const decodeAnchor = Schema.decodeUnknownOption(AuditAnchor)

const anchorOfLine = (line: string): AuditAnchor | undefined => {
  let parsed: unknown
  try {
    parsed = JSON.parse(line)
  } catch {
    return undefined
  }
  // A server log line carries the anchor as its `auditAnchor` field; a witness line is the anchor itself.
  const candidate = typeof parsed === "object" && parsed !== null && "auditAnchor" in parsed ? parsed.auditAnchor : parsed
  const decoded = decodeAnchor(candidate)
  return decoded._tag === "Some" ? decoded.value : undefined
}

/**
 * The latest anchor of each of `region`'s chains in a witness file or a
 * server log (JSON lines; lines that are not anchors are skipped): the highest
 * seq, and of equal seqs the later line (a writer publishes its last
 * checkpoint again, `closed`, when it stops).
 */
export const latestAnchors = (text: string, region: string): ReadonlyMap<string, AuditAnchor> => {
  const latest = new Map<string, AuditAnchor>()
  for (const line of text.split("\n")) {
    const anchor = line.trim() === "" ? undefined : anchorOfLine(line)
    if (anchor === undefined || anchor.region !== region) continue
    const known = latest.get(anchor.chain)
    if (known === undefined || anchor.seq >= known.seq) latest.set(anchor.chain, anchor)
  }
  return latest
}
