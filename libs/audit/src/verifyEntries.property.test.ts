import { checkProperty } from "@trent/testing"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { StoredAuditEntry } from "./AuditEntry.ts"
import { auditEntryHash } from "./auditChain.ts"
import { makeTestSigner } from "./auditFixtures.test-support.ts"
import { buildLog, copyOf } from "./auditLogBuilder.test-support.ts"
import { verifyEntries } from "./verifyEntries.ts"

const signer = makeTestSigner()
const otherSigner = makeTestSigner()

type Log = Array<Record<string, unknown>>

/** A sealed log of 2..24 records, checkpointed every 1..6, as a store holds it. */
const logs = fc.record({ records: fc.integer({ min: 2, max: 24 }), every: fc.integer({ min: 1, max: 6 }) })
  .map(({ records, every }) => buildLog(records, signer, every))

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/)

/** One edit of one field, by someone who does not recompute the hash. */
const edits: fc.Arbitrary<(entry: Record<string, unknown>) => void> = fc.oneof(
  fc.constantFrom("Decrypt", "ScheduleKeyDeletion").map((name) => (entry: Record<string, unknown>) => {
    if (entry["kind"] === "record") (entry["record"] as Record<string, unknown>)["eventName"] = name
    else (entry["checkpoint"] as Record<string, unknown>)["signedAt"] = 1
  }),
  fc.constant((entry: Record<string, unknown>) => {
    if (entry["kind"] === "record") (entry["record"] as Record<string, unknown>)["errorCode"] = "AccessDeniedException"
    else (entry["checkpoint"] as Record<string, unknown>)["coversSeq"] = 0
  }),
  hex64.map((hash) => (entry: Record<string, unknown>) => {
    entry["prevHash"] = hash
  }),
  hex64.map((hash) => (entry: Record<string, unknown>) => {
    entry["hash"] = hash
  })
)

const seqOf = (log: Log, index: number): number => log[index]!["seq"] as number

describe("verifyEntries finds the first tampered position", () => {
  it("reports an edited field of any entry as edited at that entry's seq", async () => {
    await checkProperty(
      "edit one field",
      fc.property(logs.chain((log) => fc.tuple(fc.constant(log), fc.nat(log.length - 1), edits)), ([log, index, edit]) => {
        const tampered = copyOf(log)
        edit(tampered[index]!)
        fc.pre(JSON.stringify(tampered[index]) !== JSON.stringify(log[index]))
        expect(verifyEntries(tampered, signer.publicKey)).toMatchObject({ ok: false, firstBadSeq: seqOf(log, index), problem: "edited" })
      })
    )
  })

  it("reports a deleted entry (any but the last) as deleted at its seq", async () => {
    await checkProperty(
      "delete one entry",
      fc.property(logs.chain((log) => fc.tuple(fc.constant(log), fc.nat(log.length - 2))), ([log, index]) => {
        const tampered = log.filter((_, i) => i !== index)
        expect(verifyEntries(tampered, signer.publicKey)).toMatchObject({ ok: false, firstBadSeq: seqOf(log, index), problem: "deleted" })
      })
    )
  })

  it("reports a run of entries cut out of the middle as deleted at the first of them", async () => {
    await checkProperty(
      "truncate in the middle",
      fc.property(
        logs.chain((log) => fc.tuple(fc.constant(log), fc.nat(log.length - 2)).chain(([l, from]) => fc.tuple(fc.constant(l), fc.constant(from), fc.integer({ min: from + 1, max: l.length - 1 })))),
        ([log, from, to]) => {
          const tampered = [...log.slice(0, from), ...log.slice(to)]
          expect(verifyEntries(tampered, signer.publicKey)).toMatchObject({ ok: false, firstBadSeq: seqOf(log, from), problem: "deleted" })
        }
      )
    )
  })

  it("reports two swapped entries as reordered at the first position", async () => {
    await checkProperty(
      "swap two entries",
      fc.property(
        logs.chain((log) => fc.tuple(fc.constant(log), fc.uniqueArray(fc.nat(log.length - 1), { minLength: 2, maxLength: 2 }))),
        ([log, [a, b]]) => {
          const [i, j] = [Math.min(a!, b!), Math.max(a!, b!)]
          const tampered = copyOf(log)
          ;[tampered[i], tampered[j]] = [tampered[j]!, tampered[i]!]
          expect(verifyEntries(tampered, signer.publicKey)).toMatchObject({ ok: false, firstBadSeq: seqOf(log, i), problem: "reordered" })
        }
      )
    )
  })

  it("reports a forged entry inserted before any entry as inserted", async () => {
    // The forger numbers the entry as the one it displaces, links it and hashes it; or copies a seq from anywhere;
    // or invents one no other entry comes near.
    const forgeries = fc.constantFrom("linked", "copied seq", "invented seq")
    await checkProperty(
      "insert a forged entry",
      fc.property(
        logs.chain((log) => fc.tuple(fc.constant(log), fc.nat(log.length - 1), forgeries, fc.nat(log.length - 1), fc.integer({ min: 2, max: 50 }))),
        ([log, position, forgery, copiedIndex, beyond]) => {
          const forged = copyOf(log[position]!)
          ;(forged["record"] as Record<string, unknown> | undefined ?? forged["checkpoint"] as Record<string, unknown>)["forged"] = true
          const expectedSeq = seqOf(log, position)
          if (forgery === "copied seq") forged["seq"] = seqOf(log, copiedIndex)
          if (forgery === "invented seq") forged["seq"] = log.length + beyond
          forged["hash"] = auditEntryHash(forged as unknown as StoredAuditEntry)
          const tampered = [...log.slice(0, position), forged, ...log.slice(position)]
          const firstBadSeq = forgery === "copied seq" ? Math.min(seqOf(log, copiedIndex), expectedSeq) : expectedSeq
          expect(verifyEntries(tampered, signer.publicKey)).toMatchObject({ ok: false, firstBadSeq, problem: "inserted" })
        }
      )
    )
  })

  it("accepts a log cut after any complete entry (a crash) as a prefix, with its unsigned tail", async () => {
    await checkProperty(
      "crash leaves a prefix",
      fc.property(logs.chain((log) => fc.tuple(fc.constant(log), fc.nat(log.length))), ([log, length]) => {
        const prefix = log.slice(0, length)
        const lastCheckpoint = prefix.findLast((entry) => entry["kind"] === "checkpoint")?.["seq"] as number | undefined
        // A log no checkpoint signs (these have no genesis) is never a chain: nothing proves who began it.
        if (lastCheckpoint === undefined) {
          expect(verifyEntries(prefix, signer.publicKey)).toMatchObject({ ok: false, firstBadSeq: 1, problem: "no-genesis" })
          return
        }
        expect(verifyEntries(prefix, signer.publicKey)).toMatchObject({
          ok: true,
          lastSeq: length,
          records: prefix.filter((entry) => entry["kind"] === "record").length,
          unsignedTail: length - lastCheckpoint
        })
      })
    )
  })

  it("fails every log that holds a checkpoint when verified under another key", async () => {
    await checkProperty(
      "checkpoints of another key",
      fc.property(logs, (log) => {
        fc.pre(log.some((entry) => entry["kind"] === "checkpoint"))
        expect(verifyEntries(log, otherSigner.publicKey)).toMatchObject({ ok: false, firstBadSeq: 1, problem: "bad-signature" })
      })
    )
  })

  it("never throws, whatever the entries", async () => {
    await checkProperty(
      "junk in, report out",
      fc.property(logs, fc.array(fc.tuple(fc.nat(), fc.jsonValue())), (log, junk) => {
        const tampered: Array<unknown> = copyOf(log)
        for (const [at, value] of junk) tampered.splice(at % (tampered.length + 1), 0, value)
        expect(() => verifyEntries(tampered, signer.publicKey)).not.toThrow()
      })
    )
  })
})
