import { Schema } from "effect"

/**
 * Trent answered with an AWS error: `type` is the `__type` HTTP would send
 * (`NotFoundException`, `AccessDeniedException`…), `message` its message ("" when
 * it has none, as for InvalidCiphertextException), `status` its HTTP status,
 * `body` the reply's JSON as sent.
 */
export class KmsErrorReply extends Schema.TaggedError<KmsErrorReply>()("KmsErrorReply", {
  type: Schema.String,
  message: Schema.String,
  status: Schema.Number,
  correlationId: Schema.String,
  body: Schema.String
}) {}

/** No reply within the call's timeout. The request may still have run: retry with the same correlation id. */
export class KafkaKmsTimeout extends Schema.TaggedError<KafkaKmsTimeout>()("KafkaKmsTimeout", {
  message: Schema.String,
  correlationId: Schema.String
}) {}

/** The brokers could not be reached, a topic could not be created, a reply was not JSON. */
export class KafkaKmsFailure extends Schema.TaggedError<KafkaKmsFailure>()("KafkaKmsFailure", {
  message: Schema.String,
  cause: Schema.optional(Schema.Defect())
}) {
  /** "`action`: `what went wrong`", keeping the original error as the cause. */
  static during(action: string, cause: unknown): KafkaKmsFailure {
    return new KafkaKmsFailure({ message: `${action}: ${cause instanceof Error ? cause.message : String(cause)}`, cause })
  }
}
