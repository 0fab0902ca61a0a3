import type { KeyObject } from "node:crypto"
import { Schema } from "effect"
import { genesisHash, StoredAuditCheckpoint, type StoredAuditEntry } from "./AuditEntry.ts"
import { auditEntryHash } from "./auditChain.ts"
import { indexMismatch } from "./auditIndex.ts"
import { AuditRecord } from "./AuditRecord.ts"
import { checkpointSignatureValid, ed25519PublicKey } from "./checkpointSignature.ts"
import { belongsNowhere, claimedSeq, indexSeqs, type SeqIndex } from "./SeqIndex.ts"
import type { VerifiedCheckpoint, VerifyOptions, VerifyProblem, VerifyReport } from "./VerifyReport.ts"

// A record's body is checked by its hash alone: any JSON that hashes right is what the writer wrote.
const Envelope = Schema.Union([
  Schema.Struct({
    kind: Schema.Literal("record"),
    seq: Schema.Int,
    prevHash: Schema.String,
    hash: Schema.String,
    record: Schema.Unknown
  }),
  StoredAuditCheckpoint
])
const isEnvelope = Schema.is(Envelope) as (entry: unknown) => entry is StoredAuditEntry

const bad = (firstBadSeq: number, problem: VerifyProblem, detail: string): VerifyReport =>
  ({ ok: false, firstBadSeq, problem, detail })

const recomputedHash = (entry: StoredAuditEntry): string | undefined => {
  try {
    return auditEntryHash(entry)
  } catch {
    return undefined // a body that is not JSON cannot have been hashed by the writer
  }
}

interface Walk {
  expected: number
  prevHash: string
  records: number
  checkpoints: number
  lastGood: VerifiedCheckpoint | undefined
  region: string | undefined
  /** The chain the checkpoints name, once one does (or VerifyOptions.chain). */
  chain: string | undefined
  genesis: boolean
  anchorHash: string | undefined
  signedBeforeAnchor: number
}

/** The first seq not proven by a valid checkpoint: where a re-hashed rewrite could begin. */
const unproven = (walk: Walk): number => (walk.lastGood?.seq ?? 0) + 1

const checkCheckpoint = (walk: Walk, key: KeyObject, entry: Extract<StoredAuditEntry, { kind: "checkpoint" }>) => {
  const { checkpoint, seq } = entry
  const region = walk.region ?? checkpoint.region
  const from = unproven(walk)
  if (checkpoint.region !== region) {
    return bad(from, "bad-signature", `the checkpoint at seq ${seq} names Region ${checkpoint.region}, not ${region}`)
  }
  if (checkpoint.chain !== undefined && walk.chain !== undefined && checkpoint.chain !== walk.chain) {
    return bad(from, "bad-signature", `the checkpoint at seq ${seq} is chain ${checkpoint.chain}'s, not ${walk.chain}'s`)
  }
  if (!checkpointSignatureValid(key, checkpoint)) {
    return bad(from, "bad-signature", `the checkpoint at seq ${seq} does not verify under the public key: entries from seq ${from} are unproven`)
  }
  if (checkpoint.coversSeq !== seq - 1) {
    const [problem, what] = checkpoint.coversSeq > seq - 1 ? ["deleted", "more"] as const : ["inserted", "fewer"] as const
    return bad(from, problem, `the checkpoint at seq ${seq} was signed over ${checkpoint.coversSeq} entries, ${what} than precede it: entries after seq ${from - 1} were ${problem} and the chain re-hashed`)
  }
  if (checkpoint.coversHash !== walk.prevHash) {
    return bad(from, "edited", `the checkpoint at seq ${seq} signs another hash for seq ${seq - 1}: entries after seq ${from - 1} were edited and the chain re-hashed`)
  }
  walk.region = region
  walk.chain ??= checkpoint.chain
  if (seq === 1) walk.genesis = true
  walk.lastGood = { seq, hash: entry.hash, coversSeq: checkpoint.coversSeq, signedAt: checkpoint.signedAt }
  walk.checkpoints += 1
  return undefined
}

/** An entry whose seq is not the next one: tell insertion, reordering and deletion apart by where seqs sit. */
const outOfPlace = (walk: Walk, index: SeqIndex, position: number, entry: unknown, seq: number | undefined) => {
  const { expected } = walk
  if (seq === undefined) return bad(expected, "edited", `the entry after seq ${expected - 1} has no valid seq`)
  if (index.duplicated.has(seq)) return bad(expected, "inserted", `seq ${seq} appears more than once, the first out of place where seq ${expected} belongs`)
  // Only a forger links an entry to its predecessor and numbers it wrongly.
  if ((entry as { readonly prevHash?: unknown }).prevHash === walk.prevHash) {
    return bad(expected, "inserted", `an entry numbered ${seq} links to seq ${expected - 1}, where seq ${expected} belongs`)
  }
  const later = (index.firstIndex.get(expected) ?? -1) > position
  if (later && belongsNowhere(index, seq)) return bad(expected, "inserted", `an entry numbered ${seq} stands where seq ${expected} belongs; no such seq fits the log`)
  if (later || seq < expected) return bad(expected, "reordered", `seq ${seq} stands where seq ${expected} belongs; seq ${expected} comes later`)
  const missing = seq - 1 === expected ? `seq ${expected} is` : `seqs ${expected} to ${seq - 1} are`
  return bad(expected, "deleted", `${missing} missing`)
}

const decodesAsRecord = Schema.is(AuditRecord)

/** A store that keeps query-index columns hands them over as `index` (rawEntryOf): they must be the record's. */
const checkIndex = (entry: Extract<StoredAuditEntry, { kind: "record" }>) => {
  if (!("index" in entry)) return undefined
  const record = decodesAsRecord(entry.record) ? entry.record : undefined
  const mismatch = indexMismatch(entry.index, record)
  return mismatch === undefined ? undefined : bad(entry.seq, "index-edited", `record ${entry.seq}: ${mismatch}`)
}

const checkEntry = (walk: Walk, key: KeyObject, index: SeqIndex, position: number, entry: unknown) => {
  const seq = claimedSeq(entry)
  if (seq !== walk.expected) return outOfPlace(walk, index, position, entry, seq)
  if (index.duplicated.has(seq)) return bad(seq, "inserted", `seq ${seq} appears more than once`)
  if (!isEnvelope(entry)) return bad(seq, "edited", `entry ${seq} does not decode as an audit entry`)
  if (recomputedHash(entry) !== entry.hash) return bad(seq, "edited", `entry ${seq} does not match its hash`)
  if (entry.prevHash !== walk.prevHash) {
    // The previous entry may have been edited and re-hashed, or this one relinked; a verified checkpoint is not suspect.
    const suspect = seq > 1 && seq - 1 !== walk.lastGood?.seq ? seq - 1 : seq
    return bad(suspect, "edited", `entry ${seq} does not link to the hash of entry ${seq - 1}`)
  }
  if (entry.kind === "checkpoint") {
    const problem = checkCheckpoint(walk, key, entry)
    if (problem !== undefined) return problem
  } else {
    const problem = checkIndex(entry)
    if (problem !== undefined) return problem
    walk.records += 1
  }
  walk.prevHash = entry.hash
  walk.expected += 1
  return undefined
}

/** Past the checkpoint where its writer closed, only another writer's opening checkpoint may come next. */
const appendedAfterClose = (walk: Walk, anchor: VerifyOptions["anchor"], entry: unknown) => {
  if (anchor?.closed !== true || walk.expected !== anchor.seq + 1 || walk.prevHash !== anchor.hash) return undefined
  if ((entry as { readonly kind?: unknown } | null)?.kind === "checkpoint") return undefined
  return bad(walk.expected, "appended", `entries follow seq ${anchor.seq}, where the chain's writer closed, without a writer's opening checkpoint: they were appended after it`)
}

const finish = (walk: Walk, options: VerifyOptions): VerifyReport => {
  const lastSeq = walk.expected - 1
  const { anchor, maxUnsignedTail } = options
  if (anchor !== undefined && lastSeq < anchor.seq) {
    return bad(lastSeq + 1, "truncated-checkpoint", `the log ends at seq ${lastSeq}, but it reached seq ${anchor.seq} before`)
  }
  if (anchor !== undefined && walk.anchorHash !== anchor.hash) {
    return bad(walk.signedBeforeAnchor + 1, "replaced", `entry ${anchor.seq} is not the checkpoint witnessed there: the log after seq ${walk.signedBeforeAnchor} was replaced or rewritten`)
  }
  if (lastSeq === 0) {
    return bad(1, "no-genesis", "the chain is empty, but every chain begins with a signed genesis checkpoint: it was emptied or replaced")
  }
  if (walk.lastGood === undefined) {
    return bad(1, "no-genesis", `the chain begins unsigned and no checkpoint signs any of its ${lastSeq} entries: it is not a chain this Region's key began`)
  }
  const unsignedTail = lastSeq - (walk.lastGood?.seq ?? 0)
  if (maxUnsignedTail !== undefined && unsignedTail > maxUnsignedTail) {
    return bad(unproven(walk), "unsigned-tail", `${unsignedTail} entries follow the last checkpoint; at most ${maxUnsignedTail} may`)
  }
  return { ok: true, records: walk.records, checkpoints: walk.checkpoints, lastSeq, unsignedTail, lastCheckpoint: walk.lastGood, genesis: walk.genesis }
}

/**
 * Checks a whole audit log, given as its entries in storage order (read twice:
 * an array, or an iterable that reads the store afresh each time). Entries are
 * untrusted: anything that does not decode is reported, never thrown. Walks
 * the chain from seq 1: every entry must carry the next seq, hash to its
 * `hash` and link to its predecessor's; every checkpoint must verify under
 * `publicKey` (Ed25519 SPKI DER) and sign exactly the chain before it.
 *
 * Reports the first seq that cannot be trusted. Edits that keep the chain
 * consistent (every later hash recomputed) are only caught by the next
 * checkpoint, so they are reported from the seq after the last good one.
 * Cutting entries off the end leaves a shorter, valid log: it is caught only
 * against an anchor (options.anchor) or by options.maxUnsignedTail. An empty
 * log, or one that no checkpoint signs, is never valid: writers begin every
 * chain with a signed genesis. Logs older than genesis checkpoints begin with
 * a record; they pass when a checkpoint under the trusted key follows (their
 * writers signed within seconds and on close), with `genesis: false`.
 * Records that carry their store's index columns (`index`) must carry the
 * record's own (auditIndex).
 */
export const verifyEntries = (
  entries: Iterable<unknown>,
  publicKey: Uint8Array,
  options: VerifyOptions = {}
): VerifyReport => {
  const key = ed25519PublicKey(publicKey)
  if (key === undefined) return bad(1, "bad-signature", "the public key is not an Ed25519 SubjectPublicKeyInfo (DER)")
  const index = indexSeqs(entries)
  const walk: Walk = {
    expected: 1,
    prevHash: genesisHash,
    records: 0,
    checkpoints: 0,
    lastGood: undefined,
    region: options.region,
    chain: options.chain,
    genesis: false,
    anchorHash: undefined,
    signedBeforeAnchor: 0
  }
  let position = 0
  const { anchor } = options
  for (const entry of entries) {
    if (walk.expected === anchor?.seq) walk.signedBeforeAnchor = walk.lastGood?.seq ?? 0
    const problem = appendedAfterClose(walk, anchor, entry) ?? checkEntry(walk, key, index, position, entry)
    if (problem !== undefined) return problem
    if (walk.expected - 1 === options.anchor?.seq) walk.anchorHash = walk.prevHash
    position += 1
  }
  return finish(walk, options)
}
