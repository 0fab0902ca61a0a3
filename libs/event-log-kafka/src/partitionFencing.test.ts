import { prepareAppend } from "@trent/event-log"
import { sampleAppend } from "@trent/event-log/testing"
import { checkProperty } from "@trent/testing"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { LogRecord } from "./LogRecord.ts"
import { judgeRecord, type PartitionClaim, unclaimed } from "./partitionFencing.ts"
import { streamPartition } from "./streamPartition.ts"

const context = { partition: streamPartition("k1", 12), partitions: 12 }
type JudgedRecord = Exclude<LogRecord, { readonly _tag: "NewerFormat" }>

const claim = (term: number, writerId: string): JudgedRecord => ({ _tag: "Claim", term, writerId })
const append = (term: number, writerId: string, streamId = "k1"): JudgedRecord => ({
  _tag: "Append",
  term,
  writerId,
  append: prepareAppend(sampleAppend(streamId, 0, 1))
})

/** Judges records in order from an unclaimed partition; the verdict tags. */
const judgeAll = (records: ReadonlyArray<JudgedRecord>) => {
  let current: PartitionClaim = unclaimed
  return records.map((record) => {
    const judged = judgeRecord(context, current, record)
    current = judged.claim
    return judged.verdict._tag
  })
}

describe("judgeRecord, the fencing rule of every replica", () => {
  it("gives the first claim of a partition term 0 and admits its writer's appends", () => {
    expect(judgeRecord(context, unclaimed, claim(0, "a"))).toEqual({ claim: { term: 0, writerId: "a" }, verdict: { _tag: "ClaimAccepted", claim: { term: 0, writerId: "a" } } })
    expect(judgeAll([claim(0, "a"), append(0, "a")])).toEqual(["ClaimAccepted", "Admitted"])
  })

  it("rejects a claim at or below the current term: of two writers claiming the same term, the first applied wins", () => {
    expect(judgeAll([claim(0, "a"), claim(0, "b"), append(0, "b"), append(0, "a")])).toEqual(["ClaimAccepted", "ClaimRejected", "Fenced", "Admitted"])
  })

  it("fences the old writer once a higher claim is applied, even its appends written before it learned", () => {
    expect(judgeAll([claim(0, "a"), append(0, "a"), claim(1, "b"), append(0, "a"), append(1, "b")])).toEqual([
      "ClaimAccepted", "Admitted", "ClaimAccepted", "Fenced", "Admitted"
    ])
  })

  it("fences an append carrying the holder's id but another term (a write from before its own re-claim)", () => {
    expect(judgeAll([claim(0, "a"), claim(1, "b"), claim(2, "a"), append(0, "a"), append(2, "a")])).toEqual([
      "ClaimAccepted", "ClaimAccepted", "ClaimAccepted", "Fenced", "Admitted"
    ])
  })

  it("drops an append to a stream of another partition and a malformed record, keeping the claim", () => {
    const elsewhere = ["k2", "k3", "k4", "k5", "k6"].find((id) => streamPartition(id, 12) !== context.partition)!
    expect(judgeAll([claim(0, "a"), append(0, "a", elsewhere), { _tag: "Malformed", reason: "x" }, append(0, "a")])).toEqual([
      "ClaimAccepted", "Misplaced", "Malformed", "Admitted"
    ])
  })

  it("admits exactly the appends of the writer of the highest claim applied before them, whatever the interleaving", async () => {
    const writers = ["a", "b", "c"]
    const record = fc.oneof(
      fc.record({ kind: fc.constant("claim" as const), term: fc.integer({ min: 0, max: 6 }), writer: fc.constantFrom(...writers) }),
      fc.record({ kind: fc.constant("append" as const), term: fc.integer({ min: 0, max: 6 }), writer: fc.constantFrom(...writers) })
    )
    await checkProperty(
      "fencing admits only the current holder",
      fc.property(fc.array(record, { maxLength: 40 }), (records) => {
        const verdicts = judgeAll(records.map((r) => (r.kind === "claim" ? claim(r.term, r.writer) : append(r.term, r.writer))))
        let holder: { term: number; writer: string } | undefined
        records.forEach((r, i) => {
          if (r.kind === "claim") {
            const accepted = holder === undefined || r.term > holder.term
            expect(verdicts[i]).toBe(accepted ? "ClaimAccepted" : "ClaimRejected")
            if (accepted) holder = { term: r.term, writer: r.writer }
          } else {
            const admitted = holder !== undefined && holder.term === r.term && holder.writer === r.writer
            expect(verdicts[i]).toBe(admitted ? "Admitted" : "Fenced")
          }
        })
      })
    )
  })
})
