import type * as crypto from "@trent/crypto"
import type * as domain from "@trent/domain"
import type * as protocolErrors from "./ProtocolErrors.ts"
import type { WireError } from "./WireError.ts"

/**
 * The table from error tags to AWS `__type` and HTTP status (ARCHITECTURE.md
 * "Errors"; https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html).
 * Every client error is 400 (the HTTP edge's own refusals aside); faults are
 * 500 and never carry their internal detail. `message` says what reaches the
 * caller: the error's own message (an empty one is left out), none at all, or
 * a fixed text in place of an internal one.
 *
 * The table is exhaustive by type. This pure library can see only the core
 * libraries, so it holds their entries (`coreErrorTable`, keyed by every
 * tagged error @trent/domain, @trent/crypto and this library export); the
 * server, which sees every library, completes it with the I/O libraries'
 * errors and its own under the same `ErrorTableOf` check and builds the
 * `errorToWire` the edge uses (apps/server/src/WireErrorTable.ts).
 */
export interface Entry {
  readonly type: string
  readonly status: 400 | 404 | 408 | 413 | 431 | 500
  readonly message: "own" | "none" | { readonly fixed: string }
}

export const client = (type: string, message: "own" | "none" = "own", status: Exclude<Entry["status"], 500> = 400): Entry => ({
  type,
  status,
  message
})
export const fault = (type: string, text: string = GENERIC_INTERNAL_MESSAGE): Entry => ({ type, status: 500, message: { fixed: text } })

/** The model's documentation string for KMSInternalException. */
export const GENERIC_INTERNAL_MESSAGE = "The request was rejected because an internal exception occurred. The request can be retried."

/** What a tagged error offers the table: its tag, and maybe a message. */
export interface TaggedFailure {
  readonly _tag: string
  readonly message?: string | undefined
}

/** The instances of every tagged error class `Module` exports (`typeof import(...)` of a library's index). */
export type TaggedErrorsOf<Module> = {
  readonly [Name in keyof Module]: Module[Name] extends abstract new(...args: never) => infer Instance
    ? Instance extends Error & { readonly _tag: string } ? Instance : never
    : never
}[keyof Module]

/** A table with exactly one entry for each tag of `E`: a missing tag does not compile. */
export type ErrorTableOf<E extends TaggedFailure> = { readonly [Tag in E["_tag"]]: Entry }

/** Every tagged error the core libraries and this one export. */
export type CoreError = TaggedErrorsOf<typeof domain> | TaggedErrorsOf<typeof crypto> | TaggedErrorsOf<typeof protocolErrors>

export const coreErrorTable = {
  // @trent/domain (KeyErrors.ts); @trent/policy's two errors share these tags.
  KeyNotFound: client("NotFoundException"),
  KeyDisabled: client("DisabledException"),
  KeyInvalidState: client("KMSInvalidStateException"),
  UnsupportedOperation: client("UnsupportedOperationException"),
  InvalidRequest: client("ValidationException"),
  LimitExceeded: client("LimitExceededException"),
  TagRejected: client("TagException"),
  MalformedPolicyDocument: client("MalformedPolicyDocumentException"),
  AliasAlreadyExists: client("AlreadyExistsException"),
  InvalidAliasName: client("InvalidAliasNameException"),
  // moto answers `alias/aws/` with an empty NotAuthorizedException (aws-kms-api.md §7.3).
  AliasReserved: client("NotAuthorizedException"),
  InvalidKeyUsage: client("InvalidKeyUsageException"),
  IncorrectKey: client("IncorrectKeyException"),
  InvalidMarker: client("InvalidMarkerException"),
  RotationConflict: client("ConflictException"),
  DryRunSucceeded: client("DryRunOperationException"),
  InvalidGrantId: client("InvalidGrantIdException"),
  InvalidGrantToken: client("InvalidGrantTokenException"),
  // A replica already in that Region (aws-kms-api.md §3.9).
  ResourceAlreadyExists: client("AlreadyExistsException"),
  // Importing key material (§3.10, §7.10).
  IncorrectKeyMaterial: client("IncorrectKeyMaterialException"),
  ExpiredImportToken: client("ExpiredImportTokenException"),
  InvalidImportToken: client("InvalidImportTokenException"),
  // A failed verification says nothing about why.
  SignatureInvalid: client("KMSInvalidSignatureException", "none"),
  MacInvalid: client("KMSInvalidMacException", "none"),
  // Custom key stores (@trent/domain customKeyStore/CustomKeyStoreErrors.ts).
  CustomKeyStoreNotFound: client("CustomKeyStoreNotFoundException"),
  CustomKeyStoreInvalidState: client("CustomKeyStoreInvalidStateException"),
  CustomKeyStoreNameInUse: client("CustomKeyStoreNameInUseException"),
  CustomKeyStoreHasKeys: client("CustomKeyStoreHasCMKsException"),
  XksProxyUriInUse: client("XksProxyUriInUseException"),
  XksKeyNotFound: client("XksKeyNotFoundException"),
  XksKeyInvalidConfiguration: client("XksKeyInvalidConfigurationException"),
  XksKeyAlreadyInUse: client("XksKeyAlreadyInUseException"),
  XksProxyIncorrectAuthenticationCredential: client("XksProxyIncorrectAuthenticationCredentialException"),
  XksProxyUriUnreachable: client("XksProxyUriUnreachableException"),
  XksProxyInvalidResponse: client("XksProxyInvalidResponseException"),
  XksProxyInvalidConfiguration: client("XksProxyInvalidConfigurationException"),
  // @trent/crypto (CryptoErrors.ts). Decryption failures say nothing about why (obs: no message).
  InvalidCiphertext: client("InvalidCiphertextException", "none"),
  // Its message names the parameter and the rule, never a secret.
  InvalidCryptoParameter: client("ValidationException"),
  // Asymmetric and HMAC requests that do not fit the key (aws-kms-api.md §5.1–5.3); messages in AWS's words.
  IncompatibleAlgorithm: client("InvalidKeyUsageException"),
  IncompatibleMessageType: client("ValidationException"),
  InvalidDigestLength: client("ValidationException"),
  PlaintextTooLarge: client("ValidationException"),
  InvalidPublicKey: client("ValidationException"),
  InvalidKeyMaterial: client("ValidationException"),
  UnsupportedKeySpec: client("UnsupportedOperationException"),
  // Wrapped key material that no longer unwraps is the service's fault, not the caller's.
  KeyUnwrapFailed: fault("KMSInternalException"),
  // This library (ProtocolErrors.ts): the request envelope.
  SerializationFailure: client("SerializationException"),
  UnknownOperation: client("UnknownOperationException", "none"),
  OperationNotServed: client("UnsupportedOperationException")
} as const satisfies ErrorTableOf<CoreError>

/**
 * The `errorToWire` of a table: `E` is every error it accepts, and the table
 * must map each. A tag the table lacks at run time (only a cast can bring
 * one) is answered as a fault.
 */
export const errorToWireWith = <E extends TaggedFailure>(table: ErrorTableOf<E>) => {
  const entries: Readonly<Record<string, Entry>> = table
  return (error: E): WireError => {
    const entry = Object.hasOwn(entries, error._tag) ? entries[error._tag]! : unmapped
    return { type: entry.type, status: entry.status, message: messageFor(entry, error.message) }
  }
}

const unmapped = fault("KMSInternalException")

const messageFor = (entry: Entry, message: string | undefined): string | undefined =>
  entry.message === "own"
    ? message === undefined || message === "" ? undefined : message
    : entry.message === "none"
    ? undefined
    : entry.message.fixed
