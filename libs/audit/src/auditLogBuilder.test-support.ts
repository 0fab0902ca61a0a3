import type { AuditSigner } from "./AuditSigner.ts"
import { emptyChain } from "./auditChain.ts"
import { auditRecordOf } from "./auditRecordOf.ts"
import { canonicalJson } from "./canonicalJson.ts"
import { region, sampleInput } from "./auditFixtures.test-support.ts"
import { sealBatch, type WriterState } from "./sealBatch.ts"

/**
 * A log of `records` records as a store holds it (plain JSON objects in
 * storage order), with a checkpoint after every `everyRecords` of them.
 */
export const buildLog = (
  records: number,
  signer: AuditSigner["Service"],
  everyRecords: number
): Array<Record<string, unknown>> => {
  let state: WriterState = { tip: emptyChain, unsigned: 0, firstUnsignedAt: undefined }
  const entries: Array<Record<string, unknown>> = []
  for (let n = 0; n < records; n++) {
    const record = auditRecordOf(sampleInput(n))
    const sealed = sealBatch(state, [{ _tag: "Record", record, recordJson: canonicalJson(record) }], {
      region,
      now: n * 1_000,
      policy: { everyRecords, afterMillis: Number.POSITIVE_INFINITY },
      sign: signer.sign
    })
    for (const { entry } of sealed.entries) entries.push(JSON.parse(JSON.stringify(entry)) as Record<string, unknown>)
    state = sealed.state
  }
  return entries
}

/** A deep copy, to tamper with. */
export const copyOf = <A>(value: A): A => structuredClone(value)
