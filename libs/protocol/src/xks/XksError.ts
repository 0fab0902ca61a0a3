/**
 * The XKS proxy API's errors (XKS spec, "Error codes"): each name with the
 * HTTP status the table gives it. The body is `{"errorName", "errorMessage"}`;
 * a message is under 512 printable ASCII characters and never holds key
 * material, plaintext or a secret.
 */
export const xksErrorStatus = {
  ValidationException: 400,
  InvalidStateException: 400,
  InvalidCiphertextException: 400,
  InvalidKeyUsageException: 400,
  AuthenticationFailedException: 401,
  AccessDeniedException: 403,
  KeyNotFoundException: 404,
  InvalidUriPathException: 404,
  ThrottlingException: 429,
  UnsupportedOperationException: 501,
  DependencyTimeoutException: 503,
  InternalException: 500
} as const

export type XksErrorName = keyof typeof xksErrorStatus

export interface XksError {
  readonly errorName: XksErrorName
  readonly errorMessage?: string | undefined
}

/** What the proxy answers for a failure: the status of the spec's table and the JSON body. */
export const xksErrorResponse = (error: XksError): { readonly status: number; readonly body: string } => ({
  status: xksErrorStatus[error.errorName],
  body: JSON.stringify(
    error.errorMessage === undefined
      ? { errorName: error.errorName }
      : { errorName: error.errorName, errorMessage: printable(error.errorMessage) }
  )
})

/** "MUST be less than 512 characters in length and only use printable ASCII characters". */
const printable = (message: string): string => message.replace(/[^\x20-\x7e]/g, "?").slice(0, 511)

/**
 * The spec's name for each failure the Region and the edge report, by tag.
 * A failure without an entry is an InternalException (its detail is logged, never answered).
 */
const byTag: Readonly<Record<string, XksErrorName>> = {
  KeyNotFound: "KeyNotFoundException",
  KeyDisabled: "InvalidStateException",
  KeyInvalidState: "InvalidStateException",
  InvalidKeyUsage: "InvalidKeyUsageException",
  InvalidCiphertext: "InvalidCiphertextException",
  MissingAuthenticationTokenException: "AuthenticationFailedException",
  IncompleteSignatureException: "AuthenticationFailedException",
  InvalidSignatureException: "AuthenticationFailedException",
  UnrecognizedClientException: "AuthenticationFailedException",
  AccessDenied: "AccessDeniedException"
}

/** Whether the failure's own message may reach the caller: the Region's internal detail never does. */
const ownMessage = new Set<XksErrorName>(["KeyNotFoundException", "InvalidStateException", "InvalidKeyUsageException", "AccessDeniedException", "AuthenticationFailedException"])

const messages: Partial<Record<XksErrorName, string>> = {
  InvalidCiphertextException:
    "The request was rejected because the specified ciphertext, initialization vector, additional authenticated data or authentication tag is corrupted, missing, or otherwise invalid.",
  InternalException: "The request was rejected because of an internal failure of the external key manager."
}

export const xksErrorOf = (failure: { readonly _tag: string; readonly message?: string | undefined }): XksError => {
  const errorName = byTag[failure._tag] ?? "InternalException"
  const errorMessage = ownMessage.has(errorName) && failure.message !== undefined && failure.message !== ""
    ? failure.message
    : messages[errorName]
  return { errorName, errorMessage }
}
