import { it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { describe, expect } from "vitest"
import { formatAmzDate } from "./AmzDate.ts"
import { canonicalRequest } from "./CanonicalRequest.ts"
import { credentialScope, deriveSigningKey, sha256Hex, signatureBytes, stringToSign } from "./SignatureV4.ts"
import {
  admin,
  authenticate,
  kmsRequest,
  MISMATCH,
  minutes,
  now,
  rejection,
  seconds,
  withHeaders
} from "./signedRequests.test-support.ts"

/**
 * What authentication checks before it looks at the key, in AWS's order and
 * words (SignatureClaim.ts), through Credentials.authenticate.
 */

describe("clock skew (15 minutes either way)", () => {
  it.effect.each<[string, number]>([
    ["14:59 behind", -(minutes(14) + seconds(59))],
    ["exactly 15:00 behind", -minutes(15)],
    ["14:59 ahead", minutes(14) + seconds(59)],
    ["exactly 15:00 ahead", minutes(15)]
  ])("accepts a request signed %s the server's clock", ([, offset]) =>
    Effect.asVoid(authenticate(kmsRequest({ signedAt: now + offset }))))

  it.effect("rejects a request signed 15:01 before now as expired, in AWS's words", () =>
    Effect.gen(function*() {
      const error = yield* rejection(kmsRequest({ signedAt: now - minutes(15) - seconds(1) }))
      expect(error).toMatchObject({
        _tag: "InvalidSignatureException",
        message: "Signature expired: 20231231T235459Z is now earlier than 20231231T235500Z (20240101T001000Z - 15 min.)"
      })
    }))

  it.effect("rejects a request signed 15:01 after now as not yet current, in AWS's words", () =>
    Effect.gen(function*() {
      const error = yield* rejection(kmsRequest({ signedAt: now + minutes(15) + seconds(1) }))
      expect(error).toMatchObject({
        _tag: "InvalidSignatureException",
        message: "Signature not yet current: 20240101T002501Z is still later than 20240101T002500Z (20240101T001000Z + 15 min.)"
      })
    }))

  it.effect("checks the clock before the key, as AWS does", () =>
    Effect.gen(function*() {
      const stale = kmsRequest({ key: { accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: "x" }, signedAt: now - minutes(16) })
      expect((yield* rejection(stale))._tag).toBe("InvalidSignatureException")
    }))
})

/** Replaces one part of the credential: 0 key, 1 date, 2 region, 3 service, 4 terminator. */
const withCredential = (request: ReturnType<typeof kmsRequest>, edit: (parts: Array<string>) => Array<string>) => {
  const authorization = request.headers["authorization"] as string
  const credential = /Credential=([^,]+)/.exec(authorization)![1]!
  return withHeaders(request, { authorization: authorization.replace(credential, edit(credential.split("/")).join("/")) })
}

describe("credential scope", () => {
  it.effect("rejects a region Trent does not host", () =>
    Effect.gen(function*() {
      const error = yield* rejection(kmsRequest({ region: "xx-1" }))
      expect(error).toMatchObject({
        _tag: "InvalidSignatureException",
        message: "Credential should be scoped to a valid region, not 'xx-1'."
      })
    }))

  it.effect("rejects a credential scoped to another service", () =>
    Effect.gen(function*() {
      const error = yield* rejection(withCredential(kmsRequest(), (p) => [p[0]!, p[1]!, p[2]!, "dynamodb", p[4]!]))
      expect(error).toMatchObject({
        _tag: "InvalidSignatureException",
        message: "Credential should be scoped to correct service: 'kms'."
      })
    }))

  it.effect("lists every scope problem at once, as AWS does", () =>
    Effect.gen(function*() {
      const error = yield* rejection(withCredential(kmsRequest(), (p) => [p[0]!, "20991231", "c", "d", "e"]))
      expect(error).toMatchObject({
        _tag: "InvalidSignatureException",
        message: "Credential should be scoped to a valid region, not 'c'. " +
          "Credential should be scoped to correct service: 'kms'. " +
          "Credential should be scoped with a valid terminator: 'aws4_request', not 'e'. " +
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: " +
          "'20991231' != '20240101', from '20240101T001000Z'."
      })
    }))

  it.effect("ignores trailing slashes after the credential but wants exactly five parts", () =>
    Effect.gen(function*() {
      yield* authenticate(withCredential(kmsRequest(), (p) => [...p, "", ""]))
      const error = yield* rejection(withCredential(kmsRequest(), (p) => p.slice(0, 4)))
      expect(error).toMatchObject({
        _tag: "IncompleteSignatureException",
        message: "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, " +
          `got '${admin.accessKeyId}/20240101/eu-west-1/kms'`
      })
    }))
})

describe("malformed or missing authentication", () => {
  it.effect.each([
    ["no Authorization header", undefined],
    ["an Authorization header of another scheme", "Basic YWRtaW46YWRtaW4="],
    ["an Authorization header of just 'AWS4'", "AWS4"]
  ])("answers %s with MissingAuthenticationTokenException", ([, authorization]) =>
    Effect.gen(function*() {
      const error = yield* rejection(withHeaders(kmsRequest(), { authorization }))
      expect(error).toMatchObject({
        _tag: "MissingAuthenticationTokenException",
        message: "Request is missing Authentication Token"
      })
    }))

  it.effect("lists every missing parameter and the missing date, then the header, as AWS answers 'AWS4-'", () =>
    Effect.gen(function*() {
      const error = yield* rejection(withHeaders(kmsRequest(), { authorization: "AWS4-", "x-amz-date": undefined }))
      expect(error).toMatchObject({
        _tag: "IncompleteSignatureException",
        message: "Authorization header requires 'Credential' parameter. " +
          "Authorization header requires 'Signature' parameter. " +
          "Authorization header requires 'SignedHeaders' parameter. " +
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-"
      })
    }))

  it.effect("names the one parameter that is missing", () =>
    Effect.gen(function*() {
      const request = kmsRequest()
      const authorization = (request.headers["authorization"] as string).replace(/, Signature=[0-9a-f]+/, "")
      const error = yield* rejection(withHeaders(request, { authorization }))
      expect(error).toMatchObject({
        _tag: "IncompleteSignatureException",
        message: `Authorization header requires 'Signature' parameter. Authorization=${authorization}`
      })
    }))

  it.effect("rejects a parameter without '='", () =>
    Effect.gen(function*() {
      const authorization = "AWS4-HMAC-SHA256 Signature=b,    Credential,    SignedHeaders"
      const error = yield* rejection(withHeaders(kmsRequest(), { authorization }))
      expect(error).toMatchObject({
        _tag: "IncompleteSignatureException",
        message: `'Credential' not a valid key=value pair (missing equal-sign) in Authorization header: '${authorization}'.`
      })
    }))

  it.effect("accepts parameters separated by commas alone", () =>
    Effect.asVoid(authenticate(withHeaders(kmsRequest(), {
      authorization: (kmsRequest().headers["authorization"] as string).replaceAll(", ", ",")
    }))))

  it.effect("rejects an X-Amz-Date not in ISO 8601 basic format", () =>
    Effect.gen(function*() {
      const error = yield* rejection(withHeaders(kmsRequest(), { "x-amz-date": "2024-01-01T00:10:00Z" }))
      expect(error).toMatchObject({
        _tag: "IncompleteSignatureException",
        message: "Date must be in ISO-8601 'basic format'. Got '2024-01-01T00:10:00Z'. See http://en.wikipedia.org/wiki/ISO_8601"
      })
    }))

  it.effect("requires host among the signed headers", () =>
    Effect.gen(function*() {
      const request = kmsRequest()
      const authorization = (request.headers["authorization"] as string).replace("host;", "")
      const error = yield* rejection(withHeaders(request, { authorization }))
      expect(error).toMatchObject({
        _tag: "InvalidSignatureException",
        message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."
      })
    }))

  it.effect("requires x-amz-date among the signed headers", () =>
    Effect.gen(function*() {
      const request = kmsRequest()
      const authorization = (request.headers["authorization"] as string).replace(";x-amz-date", "")
      const error = yield* rejection(withHeaders(request, { authorization }))
      expect(error).toMatchObject({
        _tag: "InvalidSignatureException",
        message: "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization."
      })
    }))

  it.effect("rejects another signing algorithm", () =>
    Effect.gen(function*() {
      const request = kmsRequest()
      const authorization = (request.headers["authorization"] as string).replace("AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256")
      const error = yield* rejection(withHeaders(request, { authorization }))
      expect(error).toMatchObject({
        _tag: "IncompleteSignatureException",
        message: "Unsupported AWS 'algorithm': 'AWS4-ECDSA-P256-SHA256' (only AWS4-HMAC-SHA256 for now). "
      })
    }))

  it.effect("rejects a signature that is not 64 hex digits as a mismatch", () =>
    Effect.gen(function*() {
      const request = kmsRequest()
      const authorization = (request.headers["authorization"] as string).replace(/Signature=[0-9a-f]+/, "Signature=abc")
      expect(yield* rejection(withHeaders(request, { authorization }))).toMatchObject({ message: MISMATCH })
    }))

  it.effect("rejects header and query-string authentication together", () =>
    Effect.gen(function*() {
      const error = yield* rejection({ ...kmsRequest(), query: "X-Amz-Algorithm=AWS4-HMAC-SHA256" })
      expect(error).toMatchObject({
        _tag: "InvalidSignatureException",
        message: "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header."
      })
    }))
})

/** Signs by hand with the `Date` header in place of X-Amz-Date (the SDKs never do, older clients did). */
const signedWithDateHeader = (dateHeader: string, signedAt: number) => {
  const headers = { host: "kms.eu-west-1.amazonaws.com", date: dateHeader }
  const amzDate = formatAmzDate(signedAt)
  const scope = credentialScope(amzDate.slice(0, 8), "eu-west-1", "kms")
  const body = new TextEncoder().encode("{}")
  const canonical = canonicalRequest({
    method: "POST",
    path: "/",
    query: "",
    signedHeaders: ["date", "host"],
    header: (name) => headers[name as keyof typeof headers],
    payloadHash: sha256Hex(body)
  })
  const key = deriveSigningKey(Redacted.make(admin.secretAccessKey), amzDate.slice(0, 8), "eu-west-1", "kms")
  const signature = signatureBytes(key, stringToSign(amzDate, scope, canonical)).toString("hex")
  return {
    method: "POST",
    path: "/",
    query: "",
    body,
    headers: {
      ...headers,
      authorization: `AWS4-HMAC-SHA256 Credential=${admin.accessKeyId}/${scope}, SignedHeaders=date;host, Signature=${signature}`
    }
  }
}

describe("the Date header", () => {
  it.effect("stands in for X-Amz-Date (RFC 9110 IMF-fixdate)", () =>
    Effect.asVoid(authenticate(signedWithDateHeader("Mon, 01 Jan 2024 00:10:00 GMT", now))))

  it.effect("is checked for skew like X-Amz-Date", () =>
    Effect.gen(function*() {
      const stale = signedWithDateHeader("Sun, 31 Dec 2023 23:50:00 GMT", now - minutes(20))
      expect((yield* rejection(stale)).message).toMatch(/^Signature expired: 20231231T235000Z/)
    }))
})

describe("x-amz-content-sha256", () => {
  it.effect("is accepted when it is the hash of the body", () =>
    Effect.gen(function*() {
      const body = `{"KeyId":"alias/x"}`
      yield* authenticate(kmsRequest({ body, headers: { "x-amz-content-sha256": sha256Hex(body) } }))
    }))

  it.effect("cannot vouch for a body other than the one received", () =>
    Effect.gen(function*() {
      const signed = kmsRequest({ body: `{"a":1}`, headers: { "x-amz-content-sha256": sha256Hex(`{"a":1}`) } })
      const swapped = { ...signed, body: new TextEncoder().encode(`{"a":2}`) }
      expect((yield* rejection(swapped))._tag).toBe("InvalidSignatureException")
    }))
})

