import type { AuditRecord } from "./AuditRecord.ts"
import { type ChainTip, sealCheckpoint, sealRecord, type SealedAuditEntry, tipOf } from "./auditChain.ts"

/** When to sign: after `everyRecords` records, or once the oldest unsigned record is `afterMillis` old. */
export interface CheckpointPolicy {
  readonly everyRecords: number
  readonly afterMillis: number
}

export const defaultCheckpointPolicy: CheckpointPolicy = Object.freeze({ everyRecords: 1_000, afterMillis: 5_000 })

/** The writer's view of the chain between batches. */
export interface WriterState {
  readonly tip: ChainTip
  /** Entries after the last checkpoint. */
  readonly unsigned: number
  /** When the oldest of them was sealed (epoch ms); undefined when none is unsigned. */
  readonly firstUnsignedAt: number | undefined
}

/** What the writer is asked to do: append a record (serialized by its caller), or just look at the clock. */
export type WriterJob =
  | { readonly _tag: "Record"; readonly record: AuditRecord; readonly recordJson: string }
  | { readonly _tag: "Tick" }

export interface SealContext {
  readonly region: string
  /** The writer's chain, named in every checkpoint it signs. */
  readonly chain?: string | undefined
  readonly now: number
  readonly policy: CheckpointPolicy
  readonly sign: (message: Uint8Array) => Uint8Array
  /** Sign whatever is unsigned, whatever its age (the log is closing). */
  readonly closing?: boolean
  /**
   * Sign a checkpoint at the end of the batch even when nothing is unsigned:
   * the log is opening (the genesis of an empty chain, or the checkpoint that
   * says a writer took the chain up again).
   */
  readonly opening?: boolean
}

/**
 * The entries one batch appends, and the state after them. Pure but for
 * `sign`: records get the next seqs in job order; a checkpoint follows every
 * `everyRecords`-th unsigned entry, so a crash leaves fewer than that unsigned,
 * and one closes the batch when the oldest unsigned entry is old enough or the
 * log is closing. The state is only adopted once the entries are durable.
 */
export const sealBatch = (
  state: WriterState,
  jobs: ReadonlyArray<WriterJob>,
  context: SealContext
): { readonly entries: ReadonlyArray<SealedAuditEntry>; readonly state: WriterState } => {
  const entries: Array<SealedAuditEntry> = []
  let { tip, unsigned, firstUnsignedAt } = state
  const append = (sealed: SealedAuditEntry): void => {
    entries.push(sealed)
    tip = tipOf(sealed.entry)
  }
  const checkpoint = (): void => {
    append(sealCheckpoint(tip, context.region, context.now, context.sign, context.chain))
    unsigned = 0
    firstUnsignedAt = undefined
  }
  for (const job of jobs) {
    if (job._tag === "Tick") continue
    append(sealRecord(tip, job.record, job.recordJson))
    unsigned += 1
    firstUnsignedAt ??= context.now
    if (unsigned >= context.policy.everyRecords) checkpoint()
  }
  const due = firstUnsignedAt !== undefined && context.now - firstUnsignedAt >= context.policy.afterMillis
  if (context.opening === true || (unsigned > 0 && (context.closing === true || due))) checkpoint()
  return { entries, state: { tip, unsigned, firstUnsignedAt } }
}
