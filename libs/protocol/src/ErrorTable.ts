import type { WireError } from "./WireError.ts"

/**
 * THE table from error tags to AWS `__type` and HTTP status (ARCHITECTURE.md
 * "Errors"; aws-kms-api.md §1.3). Every client error is 400; faults are 500 and
 * never carry their internal detail. `message` says what reaches the caller:
 * the error's own message (an empty one is left out), none at all, or a generic
 * text in place of an internal one.
 */
interface Entry {
  readonly type: string
  readonly status: 400 | 500
  readonly message: "own" | "none" | "generic"
}

const client = (type: string, message: "own" | "none" = "own"): Entry => ({ type, status: 400, message })
const fault = (type: string): Entry => ({ type, status: 500, message: "generic" })

/** The model's documentation string for KMSInternalException. */
export const GENERIC_INTERNAL_MESSAGE = "The request was rejected because an internal exception occurred. The request can be retried."

export const errorTable = {
  // @trent/domain (KeyErrors.ts)
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
  // @trent/runtime (RegionErrors.ts). AccessDenied's message names principal, action and resource only.
  AccessDenied: client("AccessDeniedException"),
  // The detail is for the log only.
  RegionInternalError: fault("KMSInternalException"),
  // @trent/auth: tags are the AWS names (aws-kms-api.md §1.3, "Common errors not in the model").
  MissingAuthenticationTokenException: client("MissingAuthenticationTokenException"),
  IncompleteSignatureException: client("IncompleteSignatureException"),
  InvalidSignatureException: client("InvalidSignatureException"),
  UnrecognizedClientException: client("UnrecognizedClientException"),
  AccessDeniedException: client("AccessDeniedException")
} as const satisfies Record<string, Entry>

export type MappedErrorTag = keyof typeof errorTable

const unmapped = fault("KMSInternalException")

const table: Readonly<Record<string, Entry>> = errorTable

/** Maps a tagged error to its wire form; an unknown tag is a defect, answered as KMSInternalException. */
export const errorToWire = (error: { readonly _tag: string; readonly message?: string }): WireError => {
  const entry = Object.hasOwn(table, error._tag) ? table[error._tag]! : unmapped
  return { type: entry.type, status: entry.status, message: messageFor(entry, error.message) }
}

const messageFor = (entry: Entry, message: string | undefined): string | undefined => {
  switch (entry.message) {
    case "own":
      return message === undefined || message === "" ? undefined : message
    case "none":
      return undefined
    case "generic":
      return GENERIC_INTERNAL_MESSAGE
  }
}
