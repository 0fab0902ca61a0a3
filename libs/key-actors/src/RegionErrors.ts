import type { InvalidCiphertext } from "@trent/crypto"
import type {
  AliasAlreadyExists,
  CustomKeyStoreRejection,
  XksKeyRejection,
  ExpiredImportToken,
  InvalidImportToken,
  AliasReserved,
  DryRunSucceeded,
  IncorrectKey,
  InvalidGrantToken,
  InvalidKeyUsage,
  InvalidMarker,
  KeyRejection,
  MacInvalid,
  SignatureInvalid
} from "@trent/domain"
import { Schema } from "effect"

/**
 * The Region failed inside (store unreadable, a wrapped key that no longer
 * unwraps, a corrupt event): answered as KMSInternalException. The detail is for
 * the log, never for the caller, and never holds key material.
 */
export class RegionInternalError extends Schema.TaggedError<RegionInternalError>()("RegionInternalError", {
  message: Schema.String,
  cause: Schema.optional(Schema.Defect())
}) {}

/** Policy and grants do not allow the request: AccessDeniedException, with AWS's message (names principal, action, resource). */
export class AccessDenied extends Schema.TaggedError<AccessDenied>()("AccessDenied", { message: Schema.String }) {}

export type RegionError =
  | KeyRejection
  | AliasAlreadyExists
  | AliasReserved
  | InvalidCiphertext
  | IncorrectKey
  | InvalidKeyUsage
  | InvalidMarker
  | DryRunSucceeded
  | SignatureInvalid
  | MacInvalid
  | InvalidGrantToken
  | ExpiredImportToken
  | InvalidImportToken
  | CustomKeyStoreRejection
  | XksKeyRejection
  | AccessDenied
  | RegionInternalError
