import { Result } from "effect"
import {
  type AuthenticationError,
  InvalidSignatureException,
  UnrecognizedClientException
} from "./AuthenticationErrors.ts"
import type { CredentialStore } from "./CredentialStore.ts"
import { devModePrincipal } from "./DevModePrincipal.ts"
import type { HttpRequestParts } from "./HttpRequestParts.ts"
import type { Principal } from "./Principal.ts"
import { type ClaimOptions, readSignatureClaim, SERVICE } from "./SignatureClaim.ts"
import { INVALID_SECURITY_TOKEN, SIGNATURE_MISMATCH } from "./SignatureMessages.ts"
import { signatureMatches } from "./SignatureVerification.ts"
import { deriveSigningKey } from "./SignatureV4.ts"
import type { SigningKeyCache } from "./SigningKeyCache.ts"

export interface VerifyOptions extends ClaimOptions {
  /** Epoch ms, from the Effect Clock. */
  readonly now: number
  /** The region in the credential scope must be one of these. */
  readonly knownRegions: ReadonlySet<string>
  /** Whether a request may carry X-Amz-Security-Token (temporary credentials); if not, it is refused. */
  readonly acceptSessionTokens: boolean
}

export interface Authenticated {
  readonly principal: Principal
  /**
   * The region of the credential scope. Undefined only for an unsigned request
   * accepted in dev mode: the caller then uses its default region.
   */
  readonly region: string | undefined
}

/** What authentication works with: the indexed credentials, the key cache, and the mode. */
export interface Authenticator {
  readonly store: CredentialStore
  readonly signingKeys: SigningKeyCache
  readonly devMode: boolean
  readonly defaultAccountId: string
}

const unrecognized = () => Result.fail(new UnrecognizedClientException({ message: INVALID_SECURITY_TOKEN }))

/**
 * SigV4 authentication of one request, in AWS's order: the claim (header,
 * date, skew, signed headers, algorithm, credential, scope), then the key,
 * then the signature, then the session token policy. Synchronous: it runs on
 * every request.
 */
export const authenticateRequest = (
  authenticator: Authenticator,
  request: HttpRequestParts,
  options: VerifyOptions
): Result.Result<Authenticated, AuthenticationError> => {
  const claimed = readSignatureClaim(request, options)
  if (Result.isFailure(claimed)) {
    if (authenticator.devMode && claimed.failure._tag === "MissingAuthenticationTokenException") {
      return Result.succeed({
        principal: devModePrincipal(authenticator.store, authenticator.defaultAccountId, ""),
        region: undefined
      })
    }
    return Result.fail(claimed.failure)
  }
  const claim = claimed.success
  if (authenticator.devMode) {
    if (claim.hasSessionToken && !options.acceptSessionTokens) return unrecognized()
    return Result.succeed({
      principal: devModePrincipal(authenticator.store, authenticator.defaultAccountId, claim.accessKeyId),
      region: claim.region
    })
  }
  const entry = authenticator.store.get(claim.accessKeyId)
  if (entry === undefined) return unrecognized()
  const date = claim.amzDate.slice(0, 8)
  const signingKey = authenticator.signingKeys.get(
    claim.accessKeyId,
    date,
    claim.region,
    () => deriveSigningKey(entry.secretAccessKey, date, claim.region, SERVICE)
  )
  if (!signatureMatches(claim, request, signingKey)) {
    return Result.fail(new InvalidSignatureException({ message: SIGNATURE_MISMATCH }))
  }
  if (claim.hasSessionToken && !options.acceptSessionTokens) return unrecognized()
  return Result.succeed({ principal: entry.principal, region: claim.region })
}
