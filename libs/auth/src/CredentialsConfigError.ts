import { Schema } from "effect"

/**
 * The credentials configuration cannot be used: the file is missing, unreadable,
 * readable by group or others, not JSON, or a field is invalid. The message
 * names the file and the field (`accounts[0].principals[1].arn`) and says what
 * to do; it never contains a secret access key.
 */
export class CredentialsConfigError extends Schema.TaggedError<CredentialsConfigError>()("CredentialsConfigError", {
  message: Schema.String
}) {}
