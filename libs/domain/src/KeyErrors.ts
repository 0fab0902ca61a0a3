import { Schema } from "effect"

/**
 * Rejections the key aggregate and the Region detect, named for their meaning.
 * Each carries the exact AWS message (https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html, https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html); `protocol` alone
 * maps the tag to an AWS `__type` and status. None ever carries key material.
 */
export class KeyNotFound extends Schema.TaggedError<KeyNotFound>()("KeyNotFound", { message: Schema.String }) {}
export class KeyDisabled extends Schema.TaggedError<KeyDisabled>()("KeyDisabled", { message: Schema.String }) {}
export class KeyInvalidState extends Schema.TaggedError<KeyInvalidState>()("KeyInvalidState", {
  message: Schema.String
}) {}
export class UnsupportedOperation extends Schema.TaggedError<UnsupportedOperation>()("UnsupportedOperation", {
  message: Schema.String
}) {}
export class InvalidRequest extends Schema.TaggedError<InvalidRequest>()("InvalidRequest", {
  message: Schema.String
}) {}
export class LimitExceeded extends Schema.TaggedError<LimitExceeded>()("LimitExceeded", { message: Schema.String }) {}
export class TagRejected extends Schema.TaggedError<TagRejected>()("TagRejected", { message: Schema.String }) {}
export class MalformedPolicyDocument extends Schema.TaggedError<MalformedPolicyDocument>()(
  "MalformedPolicyDocument",
  { message: Schema.String }
) {}
export class AliasAlreadyExists extends Schema.TaggedError<AliasAlreadyExists>()("AliasAlreadyExists", {
  message: Schema.String
}) {}
export class InvalidAliasName extends Schema.TaggedError<InvalidAliasName>()("InvalidAliasName", {
  message: Schema.String
}) {}
export class InvalidKeyUsage extends Schema.TaggedError<InvalidKeyUsage>()("InvalidKeyUsage", {
  message: Schema.String
}) {}
export class IncorrectKey extends Schema.TaggedError<IncorrectKey>()("IncorrectKey", { message: Schema.String }) {}
export class InvalidMarker extends Schema.TaggedError<InvalidMarker>()("InvalidMarker", { message: Schema.String }) {}
export class RotationConflict extends Schema.TaggedError<RotationConflict>()("RotationConflict", {
  message: Schema.String
}) {}
export class DryRunSucceeded extends Schema.TaggedError<DryRunSucceeded>()("DryRunSucceeded", {
  message: Schema.String
}) {}

export class InvalidGrantId extends Schema.TaggedError<InvalidGrantId>()("InvalidGrantId", { message: Schema.String }) {}
export class InvalidGrantToken extends Schema.TaggedError<InvalidGrantToken>()("InvalidGrantToken", {
  message: Schema.String
}) {}

/** Verify found the signature invalid: KMSInvalidSignatureException, a 400 (https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html). */
export class SignatureInvalid extends Schema.TaggedError<SignatureInvalid>()("SignatureInvalid", {}) {}
/** VerifyMac found the MAC invalid: KMSInvalidMacException, a 400 (https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html). */
export class MacInvalid extends Schema.TaggedError<MacInvalid>()("MacInvalid", {}) {}

/** AlreadyExistsException for a resource other than an alias: a replica already in that Region (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html). */
export class ResourceAlreadyExists extends Schema.TaggedError<ResourceAlreadyExists>()("ResourceAlreadyExists", {
  message: Schema.String
}) {}
/** IncorrectKeyMaterialException: re-imported material differs from what the key had (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html). */
export class IncorrectKeyMaterial extends Schema.TaggedError<IncorrectKeyMaterial>()("IncorrectKeyMaterial", {
  message: Schema.String
}) {}
/** ExpiredImportTokenException: the token is older than 24 hours (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html). */
export class ExpiredImportToken extends Schema.TaggedError<ExpiredImportToken>()("ExpiredImportToken", {
  message: Schema.String
}) {}
/** InvalidImportTokenException: not a token this Region issued, or issued for another key (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html). */
export class InvalidImportToken extends Schema.TaggedError<InvalidImportToken>()("InvalidImportToken", {
  message: Schema.String
}) {}

export type KeyRejection =
  | KeyNotFound
  | KeyDisabled
  | KeyInvalidState
  | UnsupportedOperation
  | InvalidRequest
  | LimitExceeded
  | TagRejected
  | MalformedPolicyDocument
  | InvalidKeyUsage
  | RotationConflict
  | InvalidGrantId
  | ResourceAlreadyExists
  | IncorrectKeyMaterial

export type AliasRejection = AliasAlreadyExists | AliasReserved | KeyNotFound | InvalidRequest

/** `alias/aws/` names belong to AWS-managed keys (https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html); AWS answers NotAuthorizedException. */
export class AliasReserved extends Schema.TaggedError<AliasReserved>()("AliasReserved", { message: Schema.String }) {}
