import { Schema } from "effect"

/**
 * The Region's root key cannot be loaded: missing, malformed, the wrong length,
 * or in a file others can read. The message says which source and what to do;
 * it never contains key bytes.
 */
export class RootKeyError extends Schema.TaggedError<RootKeyError>()("RootKeyError", {
  message: Schema.String
}) {}
