/**
 * AWS's own wordings for SigV4 failures. AWS KMS sits behind the same front
 * end ("Coral") as DynamoDB, whose answers were recorded against the live
 * service by mhart/dynalite (architect/dynalite `index.js` comments and
 * `test/connection.js` assertions, "com.amazon.coral.service#…" types); the
 * newer host and not-yet-current wordings are those dacut/scratchstack-aws-signature
 * (`src/constants.rs`, `src/error.rs`) reproduces from AWS. Where no source
 * has the wording, the comment says so.
 */

export const MISSING_AUTHENTICATION_TOKEN = "Request is missing Authentication Token"

export const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. Consult the service documentation for details."

/**
 * Unknown access key. The same text answers a session token that is not
 * accepted (dynalite records that one without the final period; unverified
 * which is right for KMS, so both use the period).
 */
export const INVALID_SECURITY_TOKEN = "The security token included in the request is invalid."

/** Each missing Authorization parameter, in AWS's order; then the date; then `Authorization=<header>`. */
export const requiresParameter = (name: "Credential" | "Signature" | "SignedHeaders"): string =>
  `Authorization header requires '${name}' parameter.`

export const REQUIRES_DATE = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."

/** Joins the listing the way AWS does: each sentence followed by a space, then the header as sent. */
export const incompleteListing = (sentences: ReadonlyArray<string>, authorization: string): string =>
  `${sentences.map((sentence) => `${sentence} `).join("")}Authorization=${authorization}`

/** dynalite's TODO records this one (a parameter without `=`). */
export const notAKeyValuePair = (part: string, authorization: string): string =>
  `'${part}' not a valid key=value pair (missing equal-sign) in Authorization header: '${authorization}'.`

export const badDateFormat = (value: string): string =>
  `Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`

export const signatureExpired = (signed: string, earliest: string, now: string): string =>
  `Signature expired: ${signed} is now earlier than ${earliest} (${now} - 15 min.)`

export const signatureNotYetCurrent = (signed: string, latest: string, now: string): string =>
  `Signature not yet current: ${signed} is still later than ${latest} (${now} + 15 min.)`

export const HOST_NOT_SIGNED = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."

/** Not observed from AWS (which does not insist on it): worded after HOST_NOT_SIGNED. */
export const dateNotSigned = (header: "X-Amz-Date" | "Date"): string =>
  `'${header}' must be a 'SignedHeader' in the AWS Authorization.`

export const unsupportedAlgorithm = (algorithm: string): string =>
  `Unsupported AWS 'algorithm': '${algorithm}' (only AWS4-HMAC-SHA256 for now). `

export const credentialParts = (credential: string): string =>
  `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`

/** The scope sentences; AWS sends every one that applies, separated by a space. */
export const wrongRegion = (region: string): string => `Credential should be scoped to a valid region, not '${region}'.`

export const wrongService = (service: string): string => `Credential should be scoped to correct service: '${service}'.`

export const wrongTerminator = (terminator: string): string =>
  `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`

export const wrongScopeDate = (scopeDate: string, requestDate: string, amzDate: string): string =>
  `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ` +
  `'${scopeDate}' != '${requestDate}', from '${amzDate}'.`
