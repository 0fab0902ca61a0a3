import { Schema } from "effect"

/**
 * The command was invoked wrongly (a value that parses but means nothing, a
 * server flag the configuration rejects): exit code 2, like a parse error.
 */
export class UsageError extends Schema.TaggedError<UsageError>()("UsageError", {
  message: Schema.String
}) {}

/**
 * The command was well-formed but its operation failed (a key not found, an
 * AWS error, a missing file, a context mismatch): exit code 1. `message` is the
 * one line the operator reads; `cause` is kept for `--debug`.
 */
export class OperationFailed extends Schema.TaggedError<OperationFailed>()("OperationFailed", {
  message: Schema.String,
  cause: Schema.optional(Schema.Defect())
}) {}
