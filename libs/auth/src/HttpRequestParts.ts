/**
 * What the verifier needs of an HTTP request, as node:http hands it over:
 * header names in lower case, a repeated header as an array (or already joined
 * by node), the raw path and query exactly as they came on the request line.
 */
export interface HttpRequestParts {
  readonly method: string
  /** The raw path, e.g. "/". */
  readonly path: string
  /** The raw query string without "?", usually "". */
  readonly query: string
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  readonly body: Uint8Array
}

/**
 * A header's value, with the values of a repeated header joined by "," (the
 * SigV4 canonical form: create-signed-request.html, "canonical headers").
 * `name` must be lower case.
 */
export const headerValue = (headers: HttpRequestParts["headers"], name: string): string | undefined => {
  const value = headers[name]
  if (value === undefined || typeof value === "string") return value
  return (value as ReadonlyArray<string>).join(",")
}
