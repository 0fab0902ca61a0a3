import { CreateAliasCommand, EncryptCommand, KMSClient, ListKeysCommand } from "@aws-sdk/client-kms"
import { Hash } from "@smithy/hash-node"
import { SignatureV4 } from "@smithy/signature-v4"
import { it } from "@effect/vitest"
import { Effect } from "effect"
import { describe, expect } from "vitest"
import { uriEncode } from "./CanonicalRequest.ts"
import type { HttpRequestParts } from "./HttpRequestParts.ts"
import { admin, authenticate, withHeaders } from "./signedRequests.test-support.ts"

/**
 * Requests signed by the AWS SDK's own signer: through @aws-sdk/client-kms
 * (its middleware decides the headers), and through @smithy/signature-v4 alone.
 */

interface Captured {
  readonly request: HttpRequestParts
  readonly now: number
}

class CapturedRequest extends Error {}

type Call = (client: KMSClient) => Promise<unknown>

/** Makes `call` on a real KMSClient whose HTTP handler keeps the signed request instead of sending it. */
const captureFromClient = (call: Call, sessionToken?: string) =>
  Effect.promise(async (): Promise<Captured> => {
    let captured: HttpRequestParts | undefined
    const client = new KMSClient({
      region: "eu-west-1",
      endpoint: "http://localhost:4566",
      credentials: { ...admin, ...(sessionToken === undefined ? {} : { sessionToken }) },
      maxAttempts: 1,
      requestHandler: {
        handle: async (request: { method: string; path: string; headers: Record<string, string>; body: Uint8Array }) => {
          // node:http gives header names in lower case.
          const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]))
          captured = { method: request.method, path: request.path, query: "", headers, body: Uint8Array.from(request.body) }
          throw new CapturedRequest()
        }
      } as unknown as KMSClient["config"]["requestHandler"]
    })
    await call(client).catch((error) => {
      if (!(error instanceof CapturedRequest)) throw error
    })
    return { request: captured!, now: Date.now() }
  })

const encrypt: Call = (client) =>
  client.send(new EncryptCommand({ KeyId: "alias/test", Plaintext: new TextEncoder().encode("hello, Trent") }))

const MISMATCH = "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. Consult the service documentation for details."

const expectMismatch = (request: HttpRequestParts, now: number) =>
  Effect.gen(function*() {
    const error = yield* Effect.flip(authenticate(request, { now }))
    expect(error).toMatchObject({ _tag: "InvalidSignatureException", message: MISMATCH })
  })

const signedHeadersOf = (request: HttpRequestParts): Array<string> =>
  /SignedHeaders=([^,]+)/.exec(request.headers["authorization"] as string)![1]!.split(";")

/** The last character replaced by another of its kind, so a hex digit stays hex; a date keeps its "Z". */
const changeLastCharacter = (value: string): string => {
  if (/^\d{8}T\d{6}Z$/.test(value)) return `${changeLastCharacter(value.slice(0, -1))}Z`
  const last = value.at(-1)!
  const other = /\d/.test(last) ? String((Number(last) + 1) % 10) : last === "a" ? "b" : "a"
  return value.slice(0, -1) + other
}

describe("requests signed by @aws-sdk/client-kms", () => {
  it.effect.each<[string, Call]>([
    ["Encrypt", encrypt],
    ["ListKeys", (client) => client.send(new ListKeysCommand({}))],
    [
      "CreateAlias",
      (client) =>
        client.send(new CreateAliasCommand({ AliasName: "alias/x", TargetKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" }))
    ]
  ])("verify for %s, as the key's principal in the signing region", ([, call]) =>
    Effect.gen(function*() {
      const { now, request } = yield* captureFromClient(call)
      const { principal, region } = yield* authenticate(request, { now })
      expect(region).toBe("eu-west-1")
      expect(principal.accessKeyId).toBe(admin.accessKeyId)
    }))

  it.effect("sign host, x-amz-date, the body's hash and the SDK's own headers, but not user-agent", () =>
    Effect.gen(function*() {
      const { request } = yield* captureFromClient(encrypt)
      expect(signedHeadersOf(request)).toEqual([
        "amz-sdk-invocation-id",
        "amz-sdk-request",
        "content-length",
        "content-type",
        "host",
        "x-amz-content-sha256",
        "x-amz-date",
        "x-amz-target",
        "x-amz-user-agent"
      ])
      expect(request.headers["user-agent"]).toBeDefined()
    }))

  it.effect("are rejected after any single-byte change to the body", () =>
    Effect.gen(function*() {
      const { now, request } = yield* captureFromClient(encrypt)
      for (let i = 0; i < request.body.length; i++) {
        const body = Uint8Array.from(request.body)
        body[i] = body[i]! ^ 0x01
        yield* expectMismatch({ ...request, body }, now)
      }
    }))

  it.effect("are rejected after a change to any signed header", () =>
    Effect.gen(function*() {
      const { now, request } = yield* captureFromClient(encrypt)
      for (const name of signedHeadersOf(request)) {
        yield* expectMismatch(withHeaders(request, { [name]: changeLastCharacter(request.headers[name] as string) }), now)
      }
    }))

  it.effect("are rejected after a change to the method, the path, the query or the date", () =>
    Effect.gen(function*() {
      const { now, request } = yield* captureFromClient(encrypt)
      yield* expectMismatch({ ...request, method: "PUT" }, now)
      yield* expectMismatch({ ...request, path: "/x" }, now)
      yield* expectMismatch({ ...request, query: "a=b" }, now)
      yield* expectMismatch(withHeaders(request, { "x-amz-date": changeLastCharacter(request.headers["x-amz-date"] as string) }), now)
    }))

  it.effect("are rejected after a change to any digit of the signature", () =>
    Effect.gen(function*() {
      const { now, request } = yield* captureFromClient(encrypt)
      const authorization = request.headers["authorization"] as string
      const signature = /Signature=([0-9a-f]{64})/.exec(authorization)![1]!
      for (let i = 0; i < 64; i++) {
        const changed = signature.slice(0, i) + (signature[i] === "0" ? "1" : "0") + signature.slice(i + 1)
        yield* expectMismatch(withHeaders(request, { authorization: authorization.replace(signature, changed) }), now)
      }
    }))

  it.effect("with temporary credentials are refused, or verified when session tokens are accepted", () =>
    Effect.gen(function*() {
      const { now, request } = yield* captureFromClient(encrypt, "FwoGZXIvYXdzEXAMPLETOKEN")
      expect(signedHeadersOf(request)).toContain("x-amz-security-token")
      expect(yield* Effect.flip(authenticate(request, { now }))).toMatchObject({
        _tag: "UnrecognizedClientException",
        message: "The security token included in the request is invalid."
      })
      yield* authenticate(request, { now, acceptSessionTokens: true })
    }))
})

const smithySigner = new SignatureV4({
  service: "kms",
  region: "eu-west-1",
  credentials: admin,
  sha256: Hash.bind(null, "sha256")
})

const rawQuery = (query: Record<string, string | Array<string>>): string =>
  Object.entries(query).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) => `${uriEncode(name)}=${uriEncode(v)}`)
  ).join("&")

/** Signs with @smithy/signature-v4 and returns the request as the server would receive it. */
const signWithSmithy = (
  input: { path: string; query?: Record<string, string | Array<string>>; headers?: Record<string, string>; body: string }
) =>
  Effect.promise(async (): Promise<Captured> => {
    const signed = await smithySigner.sign({
      method: "POST",
      protocol: "https:",
      hostname: "kms.eu-west-1.amazonaws.com",
      path: input.path,
      query: input.query ?? {},
      headers: { host: "kms.eu-west-1.amazonaws.com", "content-type": "application/x-amz-json-1.1", ...input.headers },
      body: input.body
    })
    const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]))
    return {
      request: { method: "POST", path: input.path, query: rawQuery(input.query ?? {}), headers, body: new TextEncoder().encode(input.body) },
      now: Date.now()
    }
  })

describe("requests signed by @smithy/signature-v4", () => {
  it.effect.each([
    ["the root path", { path: "/", body: "{}" }],
    ["encoded and dot segments in the path", { path: "/a%20b/./c/../%E1%88%B4/", body: "" }],
    ["a query with repeated and reserved names", { path: "/", query: { z: ["2", "1"], "a b": "c&d=e", "~": "*" }, body: "{}" }],
    ["blanks in header values", { path: "/", headers: { "x-amz-meta": "  one   two  " }, body: "{}" }]
  ] as const)("verify with %s", ([, input]) =>
    Effect.gen(function*() {
      const { now, request } = yield* signWithSmithy(input as Parameters<typeof signWithSmithy>[0])
      yield* authenticate(request, { now })
    }))

  it.effect("are rejected when signed over UNSIGNED-PAYLOAD instead of the body", () =>
    Effect.gen(function*() {
      const { now, request } = yield* signWithSmithy({ path: "/", headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" }, body: "{}" })
      yield* expectMismatch(request, now)
    }))
})
