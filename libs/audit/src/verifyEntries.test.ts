import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import type { StoredAuditEntry } from "./AuditEntry.ts"
import { auditEntryHash, sealCheckpoint } from "./auditChain.ts"
import { makeTestSigner, region } from "./auditFixtures.test-support.ts"
import { buildLog, copyOf } from "./auditLogBuilder.test-support.ts"
import { verifyEntries } from "./verifyEntries.ts"

const signer = makeTestSigner()
const publicKey = signer.publicKey
// 10 records with a checkpoint after every 4: seqs 1-4 records, 5 checkpoint, 6-9, 10 checkpoint, 11-12 records.
const log = buildLog(10, signer, 4)

type Entry = Record<string, unknown> & { seq: number; hash: string; prevHash: string }
const at = (entries: Array<Record<string, unknown>>, seq: number) => entries[seq - 1] as Entry

/** Recomputes the hash of every entry from `fromSeq` on and relinks them, as a forger without the key would. */
const rehashFrom = (entries: Array<Record<string, unknown>>, fromSeq: number): void => {
  for (let seq = fromSeq; seq <= entries.length; seq++) {
    const entry = at(entries, seq)
    if (seq > 1) entry.prevHash = at(entries, seq - 1).hash
    entry.hash = auditEntryHash(entry as unknown as StoredAuditEntry)
  }
}

describe("verifyEntries", () => {
  it("accepts a log as the writer sealed it, counting records, checkpoints and the unsigned tail", () => {
    expect(log.map((entry) => entry["kind"])).toEqual([
      "record", "record", "record", "record", "checkpoint", "record", "record", "record", "record", "checkpoint", "record", "record"
    ])
    expect(verifyEntries(log, publicKey)).toEqual({
      ok: true,
      records: 10,
      checkpoints: 2,
      lastSeq: 12,
      unsignedTail: 2,
      lastCheckpoint: { seq: 10, hash: at(log, 10).hash, coversSeq: 9, signedAt: 7_000 },
      // buildLog writes no genesis, as writers before genesis checkpoints did.
      genesis: false
    })
  })

  it("refuses an empty log: every chain begins with a signed genesis", () => {
    expect(verifyEntries([], publicKey)).toMatchObject({ ok: false, firstBadSeq: 1, problem: "no-genesis" })
  })

  it("reports an edited record at its seq", () => {
    const edited = copyOf(log)
    ;(at(edited, 3)["record"] as Record<string, unknown>)["eventName"] = "Decrypt"
    expect(verifyEntries(edited, publicKey)).toMatchObject({ ok: false, firstBadSeq: 3, problem: "edited" })
  })

  it("reports a record edited and re-hashed at its seq, where the next entry no longer links to it", () => {
    const edited = copyOf(log)
    ;(at(edited, 7)["record"] as Record<string, unknown>)["sourceIPAddress"] = "198.51.100.7"
    at(edited, 7).hash = auditEntryHash(at(edited, 7) as unknown as StoredAuditEntry)
    expect(verifyEntries(edited, publicKey)).toMatchObject({ ok: false, firstBadSeq: 7, problem: "edited" })
  })

  it("catches an edit whose whole chain was re-hashed at the next checkpoint, from the seq after the last good one", () => {
    const edited = copyOf(log)
    ;(at(edited, 7)["record"] as Record<string, unknown>)["eventName"] = "Decrypt"
    rehashFrom(edited, 7)
    expect(verifyEntries(edited, publicKey)).toMatchObject({ ok: false, firstBadSeq: 6, problem: "edited" })
  })

  it("cannot catch a re-hashed edit of the unsigned tail, and says so as an unsigned tail", () => {
    const edited = copyOf(log)
    ;(at(edited, 11)["record"] as Record<string, unknown>)["eventName"] = "Decrypt"
    rehashFrom(edited, 11)
    expect(verifyEntries(edited, publicKey)).toMatchObject({ ok: true, unsignedTail: 2 })
    expect(verifyEntries(edited, publicKey, { maxUnsignedTail: 1 })).toMatchObject({ ok: false, firstBadSeq: 11, problem: "unsigned-tail" })
  })

  it("rejects a re-hashed rewrite whose checkpoint was re-signed with another key", () => {
    const edited = copyOf(log)
    ;(at(edited, 2)["record"] as Record<string, unknown>)["eventName"] = "Decrypt"
    rehashFrom(edited, 2)
    const forged = sealCheckpoint({ seq: 4, hash: at(edited, 4).hash }, region, 3_000, makeTestSigner().sign).entry
    edited[4] = JSON.parse(JSON.stringify(forged)) as Record<string, unknown>
    rehashFrom(edited, 6)
    expect(verifyEntries(edited, publicKey)).toMatchObject({ ok: false, firstBadSeq: 1, problem: "bad-signature" })
  })

  it("rejects a checkpoint that names another Region than the one asked for", () => {
    expect(verifyEntries(log, publicKey, { region: "us-east-1" })).toMatchObject({ ok: false, firstBadSeq: 1, problem: "bad-signature" })
  })

  it("tells deletion, reordering and insertion apart", () => {
    const deleted = log.filter((entry) => entry["seq"] !== 6)
    expect(verifyEntries(deleted, publicKey)).toMatchObject({ ok: false, firstBadSeq: 6, problem: "deleted", detail: "seq 6 is missing" })
    const reordered = copyOf(log)
    ;[reordered[2], reordered[8]] = [reordered[8]!, reordered[2]!]
    expect(verifyEntries(reordered, publicKey)).toMatchObject({ ok: false, firstBadSeq: 3, problem: "reordered" })
    const duplicated = [...log.slice(0, 8), copyOf(at(log, 3)), ...log.slice(8)]
    expect(verifyEntries(duplicated, publicKey)).toMatchObject({ ok: false, firstBadSeq: 3, problem: "inserted" })
  })

  it("catches a truncated end only against an anchor", () => {
    const cut = log.slice(0, 8)
    expect(verifyEntries(cut, publicKey)).toMatchObject({ ok: true, lastSeq: 8, unsignedTail: 3 })
    const anchor = { seq: 10, hash: at(log, 10).hash }
    expect(verifyEntries(log, publicKey, { anchor })).toMatchObject({ ok: true })
    expect(verifyEntries(cut, publicKey, { anchor })).toMatchObject({ ok: false, firstBadSeq: 9, problem: "truncated-checkpoint" })
  })

  it("catches a log rebuilt after a checkpoint it had reached, against that anchor", () => {
    const anchor = { seq: 10, hash: at(log, 10).hash }
    const rebuilt = buildLog(10, signer, 4)
    ;(at(rebuilt, 7)["record"] as Record<string, unknown>)["eventName"] = "Decrypt"
    rehashFrom(rebuilt, 7)
    // Re-signed with the right key (a stolen key): only the anchor still tells.
    const resigned = sealCheckpoint({ seq: 9, hash: at(rebuilt, 9).hash }, region, 7_000, signer.sign).entry
    rebuilt[9] = JSON.parse(JSON.stringify(resigned)) as Record<string, unknown>
    rehashFrom(rebuilt, 11)
    expect(verifyEntries(rebuilt, publicKey)).toMatchObject({ ok: true })
    expect(verifyEntries(rebuilt, publicKey, { anchor })).toMatchObject({ ok: false, firstBadSeq: 6, problem: "replaced" })
  })

  it("catches records appended after the checkpoint where the writer closed, unless a writer's opening checkpoint comes first", () => {
    const closed = { seq: 10, hash: at(log, 10).hash, closed: true }
    // log holds records 11 and 12 after checkpoint 10: written by no writer that opened the chain again.
    expect(verifyEntries(log, publicKey, { anchor: { seq: 10, hash: at(log, 10).hash } })).toMatchObject({ ok: true })
    expect(verifyEntries(log, publicKey, { anchor: closed })).toMatchObject({ ok: false, firstBadSeq: 11, problem: "appended" })
    const reopened = [...log.slice(0, 10), JSON.parse(JSON.stringify(sealCheckpoint({ seq: 10, hash: at(log, 10).hash }, region, 8_000, signer.sign).entry))]
    expect(verifyEntries(reopened, publicKey, { anchor: closed })).toMatchObject({ ok: true, lastSeq: 11, unsignedTail: 0 })
  })

  it("reports junk entries instead of throwing", () => {
    const junk: ReadonlyArray<unknown> = [null, "x", 42, {}, { seq: 1 }, { seq: 1, kind: "record", prevHash: 1, hash: [], record: 1n }]
    for (const entry of junk) {
      const report = verifyEntries([entry], publicKey)
      expect(report, JSON.stringify(String(entry))).toMatchObject({ ok: false, firstBadSeq: 1, problem: "edited" })
    }
    const unparsedBody = { ...copyOf(at(log, 1)), record: "{\"eventName\":" }
    expect(verifyEntries([unparsedBody], publicKey)).toMatchObject({ ok: false, firstBadSeq: 1, problem: "edited" })
  })

  it("refuses a public key that is not Ed25519 SPKI", () => {
    const notAKey = createHash("sha256").update("x").digest()
    expect(verifyEntries(log, notAKey)).toMatchObject({ ok: false, firstBadSeq: 1, problem: "bad-signature" })
  })
})
