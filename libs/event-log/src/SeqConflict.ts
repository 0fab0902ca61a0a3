import { Schema } from "effect"

/**
 * An append was conditional on the stream ending at `expectedSeq`, but it ends
 * at `actualSeq`: another writer got there first. The caller reloads the
 * stream, decides again and retries.
 */
export class SeqConflict extends Schema.TaggedError<SeqConflict>()("SeqConflict", {
  streamId: Schema.String,
  expectedSeq: Schema.Int,
  actualSeq: Schema.Int
}) {}
