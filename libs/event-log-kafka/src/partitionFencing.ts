import type { PreparedAppend } from "@trent/event-log"
import type { LogRecord } from "./LogRecord.ts"
import { streamPartition } from "./streamPartition.ts"

/** Who may write to a partition: the writer of the highest claim applied so far. */
export interface PartitionClaim {
  readonly term: number
  readonly writerId: string
}

/**
 * Before any claim. The first claim of a partition is therefore term 0, so one writer's history
 * carries term 0, as the embedded store's does; every later takeover raises it.
 */
export const unclaimed: PartitionClaim = { term: -1, writerId: "" }

/** What fencing made of one record, before the replica applies the admitted appends. */
export type FencingVerdict =
  | { readonly _tag: "ClaimAccepted"; readonly claim: PartitionClaim }
  /** A claim at or below the current term: another writer claimed first. */
  | { readonly _tag: "ClaimRejected"; readonly current: PartitionClaim }
  | { readonly _tag: "Admitted"; readonly term: number; readonly append: PreparedAppend }
  /** An append by a writer that does not hold the partition (any more): a zombie's write. */
  | { readonly _tag: "Fenced"; readonly current: PartitionClaim }
  /** An append whose stream lives in another partition: no Trent writer makes one. */
  | { readonly _tag: "Misplaced"; readonly streamId: string }
  | { readonly _tag: "Malformed"; readonly reason: string }

export interface FencingContext {
  readonly partition: number
  readonly partitions: number
}

/**
 * The fencing rule every replica applies to every record, in partition order: the single source
 * of "who may write". Pure, and a function of the record and the current claim only, so that all
 * replicas applying the same partition reach the same verdicts.
 *
 * NewerFormat records are not judged here: the applier stops before them.
 */
export const judgeRecord = (
  context: FencingContext,
  current: PartitionClaim,
  record: Exclude<LogRecord, { readonly _tag: "NewerFormat" }>
): { readonly claim: PartitionClaim; readonly verdict: FencingVerdict } => {
  switch (record._tag) {
    case "Claim": {
      if (record.term <= current.term) return { claim: current, verdict: { _tag: "ClaimRejected", current } }
      const claim = { term: record.term, writerId: record.writerId }
      return { claim, verdict: { _tag: "ClaimAccepted", claim } }
    }
    case "Append": {
      if (record.term !== current.term || record.writerId !== current.writerId) {
        return { claim: current, verdict: { _tag: "Fenced", current } }
      }
      const { streamId } = record.append
      if (streamPartition(streamId, context.partitions) !== context.partition) {
        return { claim: current, verdict: { _tag: "Misplaced", streamId } }
      }
      return { claim: current, verdict: { _tag: "Admitted", term: record.term, append: record.append } }
    }
    case "Malformed":
      return { claim: current, verdict: { _tag: "Malformed", reason: record.reason } }
  }
}
