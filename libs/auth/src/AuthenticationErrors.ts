import { Schema } from "effect"

/**
 * Why a request could not be authenticated. Each `_tag` IS the AWS error code
 * (the `__type` real KMS answers with, HTTP 400: https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html),
 * so the protocol edge can pass them through. Messages are AWS's wordings
 * (see SignatureMessages.ts); none ever holds a secret access key or a
 * signing key.
 */

/** No `Authorization: AWS4-…` header (and no dev mode to stand in for it). */
export class MissingAuthenticationTokenException extends Schema.TaggedError<MissingAuthenticationTokenException>()(
  "MissingAuthenticationTokenException",
  { message: Schema.String }
) {}

/** The Authorization header is malformed: parameters missing, bad date, bad credential, unknown algorithm. */
export class IncompleteSignatureException extends Schema.TaggedError<IncompleteSignatureException>()(
  "IncompleteSignatureException",
  { message: Schema.String }
) {}

/** The signature is well formed but wrong: mismatch, expired, or scoped to the wrong region/service/date. */
export class InvalidSignatureException extends Schema.TaggedError<InvalidSignatureException>()(
  "InvalidSignatureException",
  { message: Schema.String }
) {}

/** The access key id is unknown, or a session token was sent where none is accepted. */
export class UnrecognizedClientException extends Schema.TaggedError<UnrecognizedClientException>()(
  "UnrecognizedClientException",
  { message: Schema.String }
) {}

export type AuthenticationError =
  | MissingAuthenticationTokenException
  | IncompleteSignatureException
  | InvalidSignatureException
  | UnrecognizedClientException
