import { Schema } from "effect"

/**
 * The caller broke the EventLog contract (an empty append, a negative seq, a
 * payload that is not JSON, a limit of zero...). This is a bug in the caller,
 * not a condition to handle, so the adapters raise it as a defect
 * (`Effect.die`) and the method signatures keep their documented error unions.
 */
export class InvalidEventLogInput extends Schema.TaggedError<InvalidEventLogInput>()("InvalidEventLogInput", {
  message: Schema.String
}) {}

/** One-line precondition (after the AWS Encryption SDK's `needs`). */
export const needs: (condition: boolean, message: string) => asserts condition = (condition, message) => {
  if (!condition) throw new InvalidEventLogInput({ message })
}
