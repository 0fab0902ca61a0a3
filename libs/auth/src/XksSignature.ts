import { type Redacted, Result } from "effect"
import { type AuthenticationError, InvalidSignatureException, UnrecognizedClientException } from "./AuthenticationErrors.ts"
import type { HttpRequestParts } from "./HttpRequestParts.ts"
import { readSignatureClaim } from "./SignatureClaim.ts"
import { INVALID_SECURITY_TOKEN, SIGNATURE_MISMATCH } from "./SignatureMessages.ts"
import { signatureMatches } from "./SignatureVerification.ts"
import { deriveSigningKey } from "./SignatureV4.ts"

/** The signing name of AWS KMS's calls to an external key store proxy (XKS spec, Appendix A). */
export const XKS_SERVICE = "kms-xks-proxy"

/**
 * "Any requests more than 5 minutes in the past (or future, due to clock
 * drift) SHOULD fail authentication" (XKS spec, Appendix A, Task 4).
 */
export const XKS_ALLOWED_SKEW_MS = 5 * 60 * 1000

/** One SigV4 credential a key store accepts: several at once make rotation possible (XKS spec, "SigV4 credentials rotation"). */
export interface XksCredential {
  readonly accessKeyId: string
  readonly secretAccessKey: Redacted.Redacted<string>
}

/**
 * Verifies an XKS proxy request's SigV4 signature against the credentials of
 * one key store: the scope names the `kms-xks-proxy` service and whichever
 * Region KMS called from; the access key id picks the secret (Appendix A,
 * Task 3), and the signature is compared in constant time. Answers the access
 * key id that signed.
 */
export const verifyXksSignature = (
  credentials: ReadonlyArray<XksCredential>,
  request: HttpRequestParts,
  now: number
): Result.Result<string, AuthenticationError> => {
  const claimed = readSignatureClaim(request, { now, knownRegions: "any", service: XKS_SERVICE, allowedSkewMs: XKS_ALLOWED_SKEW_MS })
  if (Result.isFailure(claimed)) return Result.fail(claimed.failure)
  const claim = claimed.success
  const credential = credentials.find((each) => each.accessKeyId === claim.accessKeyId)
  if (credential === undefined) return Result.fail(new UnrecognizedClientException({ message: INVALID_SECURITY_TOKEN }))
  const signingKey = deriveSigningKey(credential.secretAccessKey, claim.amzDate.slice(0, 8), claim.region, XKS_SERVICE)
  return signatureMatches(claim, request, signingKey)
    ? Result.succeed(claim.accessKeyId)
    : Result.fail(new InvalidSignatureException({ message: SIGNATURE_MISMATCH }))
}
