import { EventLogFailure, type ReplicaCheckpoint, type ReplicaOutcome, type SqliteReplica, type StoredEvent } from "@trent/event-log"
import { Effect } from "effect"
import type { KafkaMessage } from "kafkajs"
import { emptyStats, type DropReason, type KafkaLogStats } from "./KafkaLogStats.ts"
import { appendFingerprint, claimFingerprint, decodeLogRecord, type LogRecord } from "./LogRecord.ts"
import type { OffsetTracker } from "./OffsetTracker.ts"
import { type FencingVerdict, judgeRecord, type PartitionClaim, unclaimed } from "./partitionFencing.ts"

/** What became of one record of the events topic, as its writer learns it. */
export type RecordOutcome = RecordFate & {
  /** Which record it was (LogRecord.ts, claimFingerprint / appendFingerprint). */
  readonly fingerprint: string
}

type RecordFate =
  | { readonly _tag: "ClaimAccepted"; readonly claim: PartitionClaim }
  | { readonly _tag: "ClaimRejected"; readonly current: PartitionClaim }
  /** `events` only for this process's own appends: nobody else waits for them. */
  | { readonly _tag: "Applied"; readonly count: number; readonly events: ReadonlyArray<StoredEvent> }
  | { readonly _tag: "Dropped"; readonly reason: DropReason; readonly detail: string }

export interface ReplicaApplier {
  /** The partition's current claim, as applied so far. */
  claim(partition: number): PartitionClaim
  stats(): KafkaLogStats
  apply(partition: number, messages: ReadonlyArray<KafkaMessage>): Effect.Effect<void, EventLogFailure>
}

interface Judged {
  readonly offset: number
  /** The record's writer and identity, for claims and appends. */
  readonly writerId: string | undefined
  readonly fingerprint: string
  readonly verdict: FencingVerdict
}

const fingerprintOf = (record: LogRecord): string => {
  switch (record._tag) {
    case "Claim":
      return claimFingerprint(record.term)
    case "Append":
      return appendFingerprint(record.append)
    default:
      return record._tag
  }
}

const droppedBy = (verdict: Exclude<FencingVerdict, { _tag: "ClaimAccepted" | "ClaimRejected" | "Admitted" }>): RecordFate => {
  switch (verdict._tag) {
    case "Fenced":
      return { _tag: "Dropped", reason: "fenced", detail: `the partition is held by ${verdict.current.writerId} at term ${verdict.current.term}` }
    case "Misplaced":
      return { _tag: "Dropped", reason: "misplaced", detail: `stream ${verdict.streamId} belongs to another partition` }
    case "Malformed":
      return { _tag: "Dropped", reason: "malformed", detail: verdict.reason }
  }
}

/**
 * Applies the records of the events topic to the replica, one partition batch per transaction:
 * fencing first (partitionFencing.ts), then the admitted appends with the partition's new
 * checkpoint (offset and claim) in one SQLite transaction, then the outcomes for the writers
 * waiting in this process. Every replica applying the same records drops the same ones: a fenced
 * writer's, an append whose expectedSeq is not the stream's end, one reusing an eventId.
 *
 * A record in a format newer than this build stops the partition at that record (after applying
 * what precedes it): applying around it could leave this replica different from newer ones.
 */
export const makeReplicaApplier = (options: {
  readonly replica: SqliteReplica
  readonly tracker: OffsetTracker<RecordOutcome>
  readonly topic: string
  readonly partitions: number
  readonly writerId: string
  readonly checkpoints: ReadonlyArray<ReplicaCheckpoint>
}): ReplicaApplier => {
  const { replica, tracker, topic, partitions, writerId } = options
  const claims: Array<PartitionClaim> = Array.from({ length: partitions }, () => unclaimed)
  for (const { partition, term, writerId } of options.checkpoints) claims[partition] = { term, writerId }
  const stats = emptyStats()

  const count = (outcome: RecordFate, events: number) => {
    switch (outcome._tag) {
      case "ClaimAccepted":
        return void stats.claimsAccepted++
      case "ClaimRejected":
        return void stats.claimsRejected++
      case "Applied":
        stats.appendsApplied++
        stats.eventsApplied += events
        return
      case "Dropped":
        stats.dropped[outcome.reason]++
    }
  }

  const apply = Effect.fnUntraced(function*(partition: number, messages: ReadonlyArray<KafkaMessage>) {
    let claim = claims[partition]!
    const judged: Array<Judged> = []
    let newerFormat: { readonly offset: number; readonly v: number } | undefined
    for (const message of messages) {
      const offset = Number(message.offset)
      const record = decodeLogRecord(message.value)
      if (record._tag === "NewerFormat") {
        newerFormat = { offset, v: record.v }
        break
      }
      const judgement = judgeRecord({ partition, partitions }, claim, record)
      claim = judgement.claim
      const writer = record._tag === "Malformed" ? undefined : record.writerId
      // Only this process's own records are matched to their writers, by fingerprint.
      judged.push({ offset, writerId: writer, fingerprint: writer === writerId ? fingerprintOf(record) : "", verdict: judgement.verdict })
    }
    const last = judged.at(-1)
    if (last !== undefined) {
      const admitted = judged.flatMap(({ verdict, writerId: recordWriter }) =>
        verdict._tag === "Admitted" ? [{ term: verdict.term, append: verdict.append, returnEvents: recordWriter === writerId }] : [])
      const applied = yield* replica.apply(admitted, { partition, nextOffset: last.offset + 1, term: claim.term, writerId: claim.writerId })
      claims[partition] = claim
      const own: Array<readonly [number, RecordOutcome]> = []
      let next = 0
      for (const { offset, writerId: recordWriter, fingerprint, verdict } of judged) {
        const fate = outcomeOf(verdict, verdict._tag === "Admitted" ? applied[next++] : undefined)
        count(fate, fate._tag === "Applied" ? fate.count : 0)
        stats.recordsConsumed++
        if (fate._tag === "Dropped") yield* Effect.logDebug(`dropped ${topic}/${partition}@${offset}: ${fate.reason}, ${fate.detail}`)
        if (recordWriter === writerId) own.push([offset, { ...fate, fingerprint }])
      }
      tracker.advance(partition, last.offset + 1, own)
    }
    if (newerFormat !== undefined) {
      return yield* new EventLogFailure({
        message: `${topic}/${partition}@${newerFormat.offset} is a record of format v${newerFormat.v}, newer than this build reads: upgrade Trent`
      })
    }
  })

  return { claim: (partition) => claims[partition]!, stats: () => structuredClone(stats), apply }
}

const fromReplica = (append: { readonly streamId: string; readonly expectedSeq: number }, outcome: ReplicaOutcome): RecordFate => {
  switch (outcome._tag) {
    case "Appended":
      return { _tag: "Applied", count: outcome.count, events: outcome.events }
    case "Conflict":
      return { _tag: "Dropped", reason: "conflict", detail: `${append.streamId} ends at seq ${outcome.actualSeq}, not ${append.expectedSeq}` }
    case "EventIdReused":
      return { _tag: "Dropped", reason: "eventIdReused", detail: `eventId ${outcome.eventId} is already stored` }
  }
}

/** `replicaOutcome` is the replica's answer to the record's append, for an admitted one. */
const outcomeOf = (verdict: FencingVerdict, replicaOutcome: ReplicaOutcome | undefined): RecordFate => {
  switch (verdict._tag) {
    case "ClaimAccepted":
    case "ClaimRejected":
      return verdict
    case "Admitted":
      return fromReplica(verdict.append, replicaOutcome!)
    default:
      return droppedBy(verdict)
  }
}
