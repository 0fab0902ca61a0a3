import { Result } from "effect"
import { IncompleteSignatureException } from "./AuthenticationErrors.ts"
import { incompleteListing, notAKeyValuePair, REQUIRES_DATE, requiresParameter } from "./SignatureMessages.ts"

/** The parts of `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`, unchecked. */
export interface AuthorizationHeader {
  readonly algorithm: string
  readonly credential: string
  readonly signedHeaders: string
  readonly signature: string
}

/** AWS treats a header that does not start with this as no header at all (MissingAuthenticationToken). */
export const isSigV4Authorization = (value: string): boolean => value.trim().startsWith("AWS4-")

/**
 * Splits an Authorization header into its parameters. Parameters are separated
 * by commas and/or blanks (AWS takes "Credential=…,SignedHeaders=…" as well as
 * the SDKs' ", "). Fails as AWS does: first on a parameter without "=", then
 * with one sentence per missing parameter (and for a missing date header),
 * followed by the header as sent. An empty SignedHeaders is present; the host
 * check rejects it later.
 */
export const parseAuthorizationHeader = (
  value: string,
  hasDateHeader: boolean
): Result.Result<AuthorizationHeader, IncompleteSignatureException> => {
  const trimmed = value.trim()
  const blank = trimmed.search(/\s/)
  const algorithm = blank === -1 ? trimmed : trimmed.slice(0, blank)
  const parameters = new Map<string, string>()
  for (const part of (blank === -1 ? "" : trimmed.slice(blank)).split(/[\s,]+/)) {
    if (part === "") continue
    const eq = part.indexOf("=")
    if (eq === -1) return Result.fail(new IncompleteSignatureException({ message: notAKeyValuePair(part, value) }))
    parameters.set(part.slice(0, eq), part.slice(eq + 1))
  }
  const credential = parameters.get("Credential") ?? ""
  const signature = parameters.get("Signature") ?? ""
  const signedHeaders = parameters.get("SignedHeaders")
  const missing: Array<string> = []
  if (credential === "") missing.push(requiresParameter("Credential"))
  if (signature === "") missing.push(requiresParameter("Signature"))
  if (signedHeaders === undefined) missing.push(requiresParameter("SignedHeaders"))
  if (!hasDateHeader) missing.push(REQUIRES_DATE)
  if (missing.length > 0) return Result.fail(new IncompleteSignatureException({ message: incompleteListing(missing, value) }))
  return Result.succeed({ algorithm, credential, signedHeaders: signedHeaders!, signature })
}
