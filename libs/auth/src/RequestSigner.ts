import { Redacted } from "effect"
import { formatAmzDate } from "./AmzDate.ts"
import { canonicalRequest } from "./CanonicalRequest.ts"
import { ALGORITHM, credentialScope, deriveSigningKey, sha256Hex, signatureBytes, stringToSign } from "./SignatureV4.ts"

export interface SignRequestInput {
  readonly method: string
  readonly path: string
  /** Raw query string without "?"; default "". */
  readonly query?: string
  /** Every header that will be sent and signed; `host` is required. Names in any case. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string
  readonly region: string
  /** "kms", or "kms-xks-proxy" for AWS KMS's calls to an external key store proxy (XKS spec, Appendix A). */
  readonly service: "kms" | "kms-xks-proxy"
  /** Epoch ms of the signing time. */
  readonly now: number
}

/** Headers the signer sets itself; a caller's own values for them are replaced. */
const generated = new Set(["authorization", "x-amz-date", "x-amz-security-token"])

/**
 * Signs a request with SigV4 (create-signed-request.html) for tests, the
 * benchmark and Trent's own clients, signing every header given. Returns the
 * headers to add: `authorization`, `x-amz-date`, and `x-amz-security-token`
 * when a session token is given. Throws when there is no `host` header: AWS
 * (and Trent) refuse a signature that does not cover it.
 */
export const signRequest = (input: SignRequestInput): Record<string, string> => signRequestForService(input)

/** signRequest for any signing name: the known-answer tests use AWS's vectors, signed for "service" and "iam". */
export const signRequestForService = (
  input: Omit<SignRequestInput, "service"> & { readonly service: string }
): Record<string, string> => {
  const amzDate = formatAmzDate(input.now)
  const date = amzDate.slice(0, 8)
  const added: Record<string, string> = { "x-amz-date": amzDate }
  if (input.sessionToken !== undefined) added["x-amz-security-token"] = input.sessionToken
  const headers = new Map<string, string>()
  for (const [name, value] of Object.entries(input.headers)) {
    if (!generated.has(name.toLowerCase())) headers.set(name.toLowerCase(), value)
  }
  for (const [name, value] of Object.entries(added)) headers.set(name, value)
  if (!headers.has("host")) throw new Error("signRequest: a host header is required, SigV4 signs it")
  const signedHeaders = [...headers.keys()].sort()
  const canonical = canonicalRequest({
    method: input.method,
    path: input.path,
    query: input.query ?? "",
    signedHeaders,
    header: (name) => headers.get(name),
    payloadHash: sha256Hex(input.body)
  })
  const scope = credentialScope(date, input.region, input.service)
  const signingKey = deriveSigningKey(Redacted.make(input.secretAccessKey), date, input.region, input.service)
  const signature = signatureBytes(signingKey, stringToSign(amzDate, scope, canonical)).toString("hex")
  return {
    authorization: `${ALGORITHM} Credential=${input.accessKeyId}/${scope}, ` +
      `SignedHeaders=${signedHeaders.join(";")}, Signature=${signature}`,
    ...added
  }
}
