import { Schema } from "effect"

/**
 * The audit store is broken or closed: the file cannot be opened, written or
 * read, a row does not decode, the schema is newer than this build, the log
 * was closed. A request whose record fails to append must not be answered as
 * a success (the record of a sent response is never lost).
 */
export class AuditLogFailure extends Schema.TaggedError<AuditLogFailure>()("AuditLogFailure", {
  message: Schema.String,
  cause: Schema.optional(Schema.Defect())
}) {
  /** "`action`: `what went wrong`", keeping the original error as the cause. */
  static during(action: string, cause: unknown): AuditLogFailure {
    return new AuditLogFailure({ message: `${action}: ${cause instanceof Error ? cause.message : String(cause)}`, cause })
  }
}
