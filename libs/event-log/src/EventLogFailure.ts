import { Schema } from "effect"

/**
 * The store is broken: the file cannot be opened or written, a row does not
 * decode, the schema is newer than this build. Never caused by the caller's
 * input (see InvalidEventLogInput) and never a lost race (see SeqConflict).
 */
export class EventLogFailure extends Schema.TaggedError<EventLogFailure>()("EventLogFailure", {
  message: Schema.String,
  cause: Schema.optional(Schema.Defect())
}) {
  /** "`action`: `what went wrong`", keeping the original error as the cause. */
  static during(action: string, cause: unknown): EventLogFailure {
    return new EventLogFailure({ message: `${action}: ${cause instanceof Error ? cause.message : String(cause)}`, cause })
  }
}
