import { Schema } from "effect"

/**
 * What the protocol layer itself refuses before a Region sees the request:
 * the envelope (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html)
 * rather than the operation. Their AWS names are in ErrorTable.ts.
 */

/** Malformed JSON, or a member of the wrong JSON type: SerializationException. */
export class SerializationFailure extends Schema.TaggedError<SerializationFailure>()("SerializationFailure", {
  message: Schema.String
}) {}

/**
 * A missing, malformed or unknown `X-Amz-Target`: UnknownOperationException.
 * AWS answers with the bare type and no message (observed on Coral services),
 * so the target is not kept.
 */
export class UnknownOperation extends Schema.TaggedError<UnknownOperation>()("UnknownOperation", {}) {}

/** A real KMS operation that Trent does not serve yet: UnsupportedOperationException. */
export class OperationNotServed extends Schema.TaggedError<OperationNotServed>()("OperationNotServed", {
  message: Schema.String
}) {
  static of(operation: string): OperationNotServed {
    return new OperationNotServed({ message: `Trent does not support ${operation} yet.` })
  }
}
