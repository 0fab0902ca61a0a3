/**
 * The SigV4 canonical request (IAM User Guide, create-signed-request.html,
 * step 1), built the way the AWS SDKs' signer (@smithy/signature-v4) builds it
 * for every service but S3:
 *
 *   METHOD \n canonical URI \n canonical query \n canonical headers \n \n signed headers \n payload hash
 */

const hex = (c: string): string => `%${c.charCodeAt(0).toString(16).toUpperCase()}`

/** RFC 3986 encoding: everything but the unreserved `A-Za-z0-9-._~`, as UTF-8 percent escapes. */
export const uriEncode = (value: string): string => encodeURIComponent(value).replace(/[!'()*]/g, hex)

/**
 * The canonical URI: the raw path with empty and "." segments dropped and ".."
 * applied, then URI-encoded once more (non-S3 services sign the already
 * encoded path encoded again).
 */
export const canonicalUri = (path: string): string => {
  const segments: Array<string> = []
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue
    if (segment === "..") segments.pop()
    else segments.push(segment)
  }
  const leading = path.startsWith("/") ? "/" : ""
  const trailing = segments.length > 0 && path.endsWith("/") ? "/" : ""
  return `${leading}${segments.map(uriEncode).join("/")}${trailing}`
}

const decodeComponent = (value: string): string => {
  try {
    return decodeURIComponent(value)
  } catch {
    // Not valid percent-encoding: signed as the literal text (its "%" encoded), like any other character.
    return value
  }
}

const byNameThenValue = (a: readonly [string, string], b: readonly [string, string]): number =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0

/**
 * The canonical query string: each name and value decoded from the raw query
 * and re-encoded per RFC 3986, `name=value` (a bare name gets an empty value),
 * sorted by name then value, joined by "&".
 */
export const canonicalQueryString = (query: string): string => {
  if (query === "") return ""
  const pairs: Array<readonly [string, string]> = []
  for (const part of query.split("&")) {
    if (part === "") continue
    const eq = part.indexOf("=")
    const name = eq === -1 ? part : part.slice(0, eq)
    const value = eq === -1 ? "" : part.slice(eq + 1)
    pairs.push([uriEncode(decodeComponent(name)), uriEncode(decodeComponent(value))])
  }
  return pairs.sort(byNameThenValue).map(([name, value]) => `${name}=${value}`).join("&")
}

const needsCanonicalizing = /[\r\n\t]| {2}|^ | $/

/** A header value in canonical form: line breaks and runs of blanks become one space, the ends trimmed. */
export const canonicalHeaderValue = (value: string): string =>
  // Most values are canonical already; testing once is cheaper than three replacements.
  needsCanonicalizing.test(value)
    ? value.replace(/[\r\n]/g, " ").replace(/[ \t]+/g, " ").replace(/^ | $/g, "")
    : value

export interface CanonicalRequestInput {
  readonly method: string
  readonly path: string
  readonly query: string
  /** The signed header names, lower case, in the order of the SignedHeaders list. */
  readonly signedHeaders: ReadonlyArray<string>
  /** Looks up a header by its lower-case name; a signed header that is absent signs as empty. */
  readonly header: (name: string) => string | undefined
  /** Hex SHA-256 of the body. */
  readonly payloadHash: string
}

export const canonicalRequest = (input: CanonicalRequestInput): string => {
  let headers = ""
  for (const name of input.signedHeaders) headers += `${name}:${canonicalHeaderValue(input.header(name) ?? "")}\n`
  return `${input.method}\n${canonicalUri(input.path)}\n${canonicalQueryString(input.query)}\n${headers}\n` +
    `${input.signedHeaders.join(";")}\n${input.payloadHash}`
}
