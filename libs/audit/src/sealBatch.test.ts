import { describe, expect, it } from "vitest"
import { emptyChain } from "./auditChain.ts"
import { auditRecordOf } from "./auditRecordOf.ts"
import { canonicalJson } from "./canonicalJson.ts"
import { makeTestSigner, region, sampleInput } from "./auditFixtures.test-support.ts"
import { sealBatch, type WriterJob, type WriterState } from "./sealBatch.ts"

const signer = makeTestSigner()
const jobs = (from: number, count: number): Array<WriterJob> =>
  Array.from({ length: count }, (_, i) => {
    const record = auditRecordOf(sampleInput(from + i))
    return { _tag: "Record", record, recordJson: canonicalJson(record) }
  })
const fresh: WriterState = { tip: emptyChain, unsigned: 0, firstUnsignedAt: undefined }
const context = (now: number, closing = false) =>
  ({ region, now, policy: { everyRecords: 3, afterMillis: 5_000 }, sign: signer.sign, closing })
const kinds = (result: ReturnType<typeof sealBatch>) => result.entries.map(({ entry }) => `${entry.seq}:${entry.kind}`)

describe("sealBatch", () => {
  it("numbers records in job order and puts a checkpoint after every third", () => {
    const result = sealBatch(fresh, jobs(0, 7), context(0))
    expect(kinds(result)).toEqual(["1:record", "2:record", "3:record", "4:checkpoint", "5:record", "6:record", "7:record", "8:checkpoint", "9:record"])
    expect(result.state).toMatchObject({ tip: { seq: 9 }, unsigned: 1, firstUnsignedAt: 0 })
  })

  it("signs the tail once its oldest record is old enough, on any batch or tick", () => {
    const first = sealBatch(fresh, jobs(0, 1), context(1_000))
    expect(kinds(first)).toEqual(["1:record"])
    expect(kinds(sealBatch(first.state, [{ _tag: "Tick" }], context(5_999)))).toEqual([])
    const due = sealBatch(first.state, [{ _tag: "Tick" }], context(6_000))
    expect(kinds(due)).toEqual(["2:checkpoint"])
    expect(due.state).toEqual({ tip: { seq: 2, hash: due.entries[0]!.entry.hash }, unsigned: 0, firstUnsignedAt: undefined })
  })

  it("signs whatever is unsigned when the log closes, and nothing when all is signed", () => {
    const first = sealBatch(fresh, jobs(0, 2), context(0))
    const closing = sealBatch(first.state, [], context(1, true))
    expect(kinds(closing)).toEqual(["3:checkpoint"])
    expect(kinds(sealBatch(closing.state, [], context(2, true)))).toEqual([])
  })
})
