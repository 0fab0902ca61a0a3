/**
 * What went wrong first, as well as the chain lets one tell:
 * - "edited": an entry no longer hashes to its `hash`, does not decode, or does
 *   not link to the entry before it; or a valid checkpoint signs a different
 *   chain than the one stored (entries since the last good checkpoint were
 *   edited and their hashes recomputed).
 * - "deleted": a seq is missing and appears nowhere (or a checkpoint covers
 *   more entries than precede it).
 * - "reordered": a seq is out of place but present later in the log.
 * - "inserted": a seq appears twice, an entry's seq belongs nowhere, or a
 *   checkpoint covers fewer entries than precede it.
 * - "truncated-checkpoint": the log ends before the checkpoint it is known to
 *   have reached (VerifyOptions.anchor), or the chain is gone altogether.
 * - "replaced": the entry at the anchor's seq is another than the anchor's:
 *   the log was replaced by another one (or rewritten and re-signed).
 * - "appended": records follow the checkpoint where the anchor says its
 *   writer closed, with no writer's opening checkpoint before them.
 * - "no-genesis": the chain is empty, or begins unsigned and no checkpoint
 *   ever signs it (a chain begins with a signed genesis checkpoint).
 * - "index-edited": a record's query-index columns (event name, caller, keys,
 *   time, error code) are not the record's, so `audit query` would misreport.
 * - "bad-signature": a checkpoint's signature does not verify under the given
 *   public key (or names another Region).
 * - "unsigned-tail": more entries follow the last checkpoint than
 *   VerifyOptions.maxUnsignedTail allows.
 */
export type VerifyProblem =
  | "edited"
  | "deleted"
  | "reordered"
  | "inserted"
  | "truncated-checkpoint"
  | "replaced"
  | "appended"
  | "no-genesis"
  | "index-edited"
  | "bad-signature"
  | "unsigned-tail"

/** The last checkpoint that verified: remember it, and pass it back as `anchor` to detect truncation later. */
export interface VerifiedCheckpoint {
  readonly seq: number
  readonly hash: string
  readonly coversSeq: number
  readonly signedAt: number
}

export type VerifyReport =
  | {
    readonly ok: true
    /** Record entries, checkpoint entries, and the seq of the last entry (0 for an empty log). */
    readonly records: number
    readonly checkpoints: number
    readonly lastSeq: number
    /**
     * Entries after the last valid checkpoint: chained but not yet signed.
     * A crash leaves up to one checkpoint interval of them; they prove their
     * order and content only to someone who trusts the file.
     */
    readonly unsignedTail: number
    readonly lastCheckpoint: VerifiedCheckpoint | undefined
    /**
     * Whether the chain begins with its signed genesis. A chain without one
     * was created before Trent wrote genesis checkpoints; it is accepted when
     * a checkpoint signed under the trusted key follows its first records.
     */
    readonly genesis: boolean
  }
  | {
    readonly ok: false
    /** Every entry before this seq verified (chained and, up to the last good checkpoint, signed). */
    readonly firstBadSeq: number
    readonly problem: VerifyProblem
    readonly detail: string
  }

/** Where a chain is known to have reached: a checkpoint entry's seq and hash, and whether its writer closed there. */
export interface VerifyAnchor {
  readonly seq: number
  readonly hash: string
  readonly closed?: boolean | undefined
}

export interface VerifyOptions {
  /** The Region every checkpoint must name; by default, the Region the first checkpoint names. */
  readonly region?: string | undefined
  /**
   * A checkpoint seen earlier (VerifyReport.lastCheckpoint, or a copy kept
   * elsewhere): the log must still reach it, with the same hash. Without one,
   * cutting entries off the end of the log is indistinguishable from a log
   * that ended there.
   */
  readonly anchor?: VerifyAnchor | undefined
  /** The chain's name (its file name), which every checkpoint that names a chain must name. */
  readonly chain?: string | undefined
  /** Fail with "unsigned-tail" when more entries than this follow the last checkpoint. */
  readonly maxUnsignedTail?: number | undefined
}
