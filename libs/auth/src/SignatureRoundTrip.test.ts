import { checkProperty } from "@trent/testing"
import { Result } from "effect"
import * as fc from "fast-check"
import { describe, it } from "vitest"
import { authenticateRequest, type Authenticator } from "./Authentication.ts"
import { uriEncode } from "./CanonicalRequest.ts"
import { makeCredentialStore } from "./CredentialStore.ts"
import type { HttpRequestParts } from "./HttpRequestParts.ts"
import { signRequest } from "./RequestSigner.ts"
import { admin, now, role, testConfig, verifyOptions } from "./signedRequests.test-support.ts"
import { SigningKeyCache } from "./SigningKeyCache.ts"

const authenticator: Authenticator = {
  store: makeCredentialStore(testConfig),
  signingKeys: new SigningKeyCache(),
  devMode: false,
  defaultAccountId: "000000000000"
}

const reserved = new Set(["host", "authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256"])
const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/).filter((name) => !reserved.has(name))
// Visible ASCII and blanks: what node:http lets through in a header value.
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 24 })
const pathSegment = fc.string({ maxLength: 8 })
const queryPair = fc.tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }))

const signedRequestArbitrary = fc.record({
  key: fc.constantFrom(admin, role),
  region: fc.constantFrom(...verifyOptions.knownRegions),
  method: fc.constantFrom("POST", "GET", "PUT"),
  segments: fc.array(pathSegment, { maxLength: 4 }),
  query: fc.array(queryPair, { maxLength: 3 }),
  headers: fc.dictionary(headerName, headerValue, { maxKeys: 4 }),
  body: fc.uint8Array({ maxLength: 300 }),
  skewSeconds: fc.integer({ min: -14 * 60, max: 14 * 60 })
}).map((input) => {
  const path = `/${input.segments.join("/")}`
  const query = input.query.map(([name, value]) => `${uriEncode(name)}=${uriEncode(value)}`).join("&")
  const headers = { ...input.headers, host: `kms.${input.region}.amazonaws.com` }
  const added = signRequest({
    method: input.method,
    path,
    query,
    headers,
    body: input.body,
    accessKeyId: input.key.accessKeyId,
    secretAccessKey: input.key.secretAccessKey,
    region: input.region,
    service: "kms",
    now: now + input.skewSeconds * 1000
  })
  const request: HttpRequestParts = { method: input.method, path, query, headers: { ...headers, ...added }, body: input.body }
  return { request, input }
})

type Signed = typeof signedRequestArbitrary extends fc.Arbitrary<infer T> ? T : never

const setHeader = (request: HttpRequestParts, name: string, value: string): HttpRequestParts => ({
  ...request,
  headers: { ...request.headers, [name]: value }
})

const signedNames = (request: HttpRequestParts): Array<string> =>
  /SignedHeaders=([^,]+)/.exec(request.headers["authorization"] as string)![1]!.split(";")

/** One change to what was signed, chosen by `pick`; each one must void the signature. */
const mutate = (signed: Signed, kind: number, pick: number): HttpRequestParts => {
  const { request } = signed
  switch (kind) {
    case 0: {
      if (request.body.length === 0) return { ...request, body: Uint8Array.of(pick & 0xff) }
      const body = Uint8Array.from(request.body)
      body[pick % body.length] = body[pick % body.length]! ^ (1 + (pick % 255))
      return { ...request, body }
    }
    case 1: {
      const names = signedNames(request).filter((name) => name !== "x-amz-date")
      const name = names[pick % names.length]!
      return setHeader(request, name, `${request.headers[name] as string}x`)
    }
    case 2:
      return { ...request, method: request.method === "POST" ? "DELETE" : "POST" }
    case 3:
      return { ...request, path: `${request.path}/m` }
    case 4:
      return { ...request, query: request.query === "" ? "m=1" : `${request.query}&m=1` }
    case 5: {
      const authorization = request.headers["authorization"] as string
      const signature = /Signature=([0-9a-f]{64})/.exec(authorization)![1]!
      const i = pick % 64
      const changed = signature.slice(0, i) + (signature[i] === "f" ? "e" : "f") + signature.slice(i + 1)
      return setHeader(request, "authorization", authorization.replace(signature, changed))
    }
    case 6: {
      const shifted = new Date(Date.parse(
        (request.headers["x-amz-date"] as string).replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z")
      ) + (1 + (pick % 30)) * 1000)
      return setHeader(request, "x-amz-date", shifted.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, ""))
    }
    default: {
      const other = signed.input.key === admin ? role : admin
      const authorization = (request.headers["authorization"] as string).replace(signed.input.key.accessKeyId, other.accessKeyId)
      return setHeader(request, "authorization", authorization)
    }
  }
}

describe("signRequest → authenticate", () => {
  it("accepts every request signRequest signed, as the signing key's principal and region", () =>
    checkProperty(
      "signRequest round-trips through authenticate",
      fc.property(signedRequestArbitrary, ({ input, request }) => {
        const result = authenticateRequest(authenticator, request, verifyOptions)
        return Result.isSuccess(result) && result.success.region === input.region &&
          result.success.principal.accessKeyId === input.key.accessKeyId
      })
    ))

  it("rejects with InvalidSignatureException any change to the body, a signed header, the method, path, query, date, signature or key", () =>
    checkProperty(
      "any mutation of a signed request is rejected",
      fc.property(signedRequestArbitrary, fc.integer({ min: 0, max: 7 }), fc.nat(), (signed, kind, pick) => {
        const result = authenticateRequest(authenticator, mutate(signed, kind, pick), verifyOptions)
        return Result.isFailure(result) && result.failure._tag === "InvalidSignatureException"
      })
    ))
})
