import { Result } from "effect"
import { formatAmzDate, parseAmzDate, parseHttpDate } from "./AmzDate.ts"
import {
  type AuthenticationError,
  IncompleteSignatureException,
  InvalidSignatureException,
  MissingAuthenticationTokenException
} from "./AuthenticationErrors.ts"
import { isSigV4Authorization, parseAuthorizationHeader } from "./AuthorizationHeader.ts"
import { headerValue, type HttpRequestParts } from "./HttpRequestParts.ts"
import { ALGORITHM, credentialScope, TERMINATOR } from "./SignatureV4.ts"
import * as Messages from "./SignatureMessages.ts"

/** The only signing name Trent answers to (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html). */
export const SERVICE = "kms"

/** AWS accepts a request signed up to 15 minutes either side of its clock. */
export const ALLOWED_SKEW_MS = 15 * 60 * 1000

/** What a request's signature claims, checked for everything that does not need the secret. */
export interface SignatureClaim {
  readonly accessKeyId: string
  /** `yyyymmddThhmmssZ` of the request's signing time, as it goes into the string to sign. */
  readonly amzDate: string
  readonly region: string
  /** `yyyymmdd/region/kms/aws4_request`. */
  readonly scope: string
  /** Lower-case names, in the order of the SignedHeaders parameter. */
  readonly signedHeaders: ReadonlyArray<string>
  /** The signature as sent (hex, unchecked). */
  readonly signature: string
  readonly hasSessionToken: boolean
}

export interface ClaimOptions {
  readonly now: number
  /** The region in the credential scope must be one of these; "any" takes any well-formed Region name. */
  readonly knownRegions: ReadonlySet<string> | "any"
  /** The signing name of the credential scope; default "kms". */
  readonly service?: string
  /** How far the signing time may be from `now`; default 15 minutes, AWS's. */
  readonly allowedSkewMs?: number
}

const regionName = /^([a-z]+-){2,3}\d+$/

const missing = () => new MissingAuthenticationTokenException({ message: Messages.MISSING_AUTHENTICATION_TOKEN })
const incomplete = (message: string) => Result.fail(new IncompleteSignatureException({ message }))
const invalid = (message: string) => Result.fail(new InvalidSignatureException({ message }))

const hasQueryAlgorithm = (query: string): boolean => /(?:^|&)X-Amz-Algorithm=/.test(query)

const skewError = (signedAt: number, now: number, skew: number): string | undefined => {
  if (signedAt < now - skew) {
    return Messages.signatureExpired(formatAmzDate(signedAt), formatAmzDate(now - skew), formatAmzDate(now))
  }
  if (signedAt > now + skew) {
    return Messages.signatureNotYetCurrent(formatAmzDate(signedAt), formatAmzDate(now + skew), formatAmzDate(now))
  }
  return undefined
}

/**
 * Reads the Authorization header and checks it in the order AWS does
 * (dynalite's record of DynamoDB, the same front end as KMS): a header at
 * all → its parameters and a date → the date's format → clock skew → host
 * (and the date header) signed → algorithm → five-part credential → scope
 * (region, service, terminator, date: every sentence that applies). The key
 * lookup and the signature itself come after (Authentication.ts).
 */
export const readSignatureClaim = (
  request: HttpRequestParts,
  options: ClaimOptions
): Result.Result<SignatureClaim, AuthenticationError> => {
  const authorization = headerValue(request.headers, "authorization")
  if (authorization !== undefined && hasQueryAlgorithm(request.query)) {
    return invalid("Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.")
  }
  // Presigned (query-string) requests are not supported: without the header they are unauthenticated.
  if (authorization === undefined || !isSigV4Authorization(authorization)) return Result.fail(missing())

  const amzDateHeader = headerValue(request.headers, "x-amz-date")
  const dateHeaderName = amzDateHeader !== undefined ? "x-amz-date" : "date"
  const dateValue = amzDateHeader ?? headerValue(request.headers, "date")
  const parsed = parseAuthorizationHeader(authorization, dateValue !== undefined)
  if (Result.isFailure(parsed)) return Result.fail(parsed.failure)
  const header = parsed.success

  const signedAt = amzDateHeader !== undefined ? parseAmzDate(dateValue!) : parseHttpDate(dateValue!)
  if (signedAt === undefined) return incomplete(Messages.badDateFormat(dateValue!))
  const skew = skewError(signedAt, options.now, options.allowedSkewMs ?? ALLOWED_SKEW_MS)
  if (skew !== undefined) return invalid(skew)

  const signedHeaders = header.signedHeaders.split(";").map((name) => name.toLowerCase())
  if (!signedHeaders.includes("host")) return invalid(Messages.HOST_NOT_SIGNED)
  if (!signedHeaders.includes(dateHeaderName)) {
    return invalid(Messages.dateNotSigned(dateHeaderName === "date" ? "Date" : "X-Amz-Date"))
  }

  if (header.algorithm !== ALGORITHM) return incomplete(Messages.unsupportedAlgorithm(header.algorithm))

  const parts = header.credential.replace(/\/+$/, "").split("/")
  if (parts.length !== 5) return incomplete(Messages.credentialParts(header.credential))
  const [accessKeyId, scopeDate, region, service, terminator] = parts as [string, string, string, string, string]

  // A valid X-Amz-Date is already the basic format; only a Date header needs rewriting.
  const amzDate = amzDateHeader ?? formatAmzDate(signedAt)
  const scopeErrors: Array<string> = []
  const knownRegion = options.knownRegions === "any" ? regionName.test(region) : options.knownRegions.has(region)
  if (!knownRegion) scopeErrors.push(Messages.wrongRegion(region))
  const expectedService = options.service ?? SERVICE
  if (service !== expectedService) scopeErrors.push(Messages.wrongService(expectedService))
  if (terminator !== TERMINATOR) scopeErrors.push(Messages.wrongTerminator(terminator))
  if (scopeDate !== amzDate.slice(0, 8)) scopeErrors.push(Messages.wrongScopeDate(scopeDate, amzDate.slice(0, 8), dateValue!))
  if (scopeErrors.length > 0) return invalid(scopeErrors.join(" "))

  return Result.succeed({
    accessKeyId,
    amzDate,
    region,
    scope: credentialScope(scopeDate, region, service),
    signedHeaders,
    signature: header.signature,
    hasSessionToken: headerValue(request.headers, "x-amz-security-token") !== undefined
  })
}
