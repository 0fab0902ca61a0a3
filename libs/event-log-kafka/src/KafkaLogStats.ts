/** Why a record of the events topic was not applied. */
export type DropReason =
  /** An append by a writer that no longer held the partition (a newer claim fenced it). */
  | "fenced"
  /** An append whose expectedSeq was not the stream's last seq when it was applied. */
  | "conflict"
  /** An append reusing a stored eventId. */
  | "eventIdReused"
  /** An append in a partition its stream does not hash to. */
  | "misplaced"
  /** Not a record of any known shape. */
  | "malformed"

/** Counters of one KafkaEventLog instance since it started: for tests, metrics and benchmarks. */
export interface KafkaLogStats {
  /** Records read from the topic and applied or dropped (a warm start reads only the tail). */
  recordsConsumed: number
  appendsApplied: number
  eventsApplied: number
  claimsAccepted: number
  claimsRejected: number
  readonly dropped: Record<DropReason, number>
}

export const emptyStats = (): KafkaLogStats => ({
  recordsConsumed: 0,
  appendsApplied: 0,
  eventsApplied: 0,
  claimsAccepted: 0,
  claimsRejected: 0,
  dropped: { fenced: 0, conflict: 0, eventIdReused: 0, misplaced: 0, malformed: 0 }
})
