import * as fc from "fast-check"
import { signRequest } from "@trent/auth"
import { CreateKeyCommand, EncryptCommand } from "@aws-sdk/client-kms"
import { servedOperations } from "@trent/protocol"
import { checkProperty } from "@trent/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { removeDir, type RunningServer, startServer } from "./serverFixture.test-support.ts"

let server: RunningServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server.stop()
  removeDir(server.dataDir)
})

interface RawRequest {
  readonly target?: string | undefined
  readonly body: Uint8Array
  readonly contentType?: string | undefined
  readonly region?: string | undefined
  readonly sign?: boolean | undefined
  readonly headers?: Record<string, string> | undefined
}

/** Sends a request as a client would — SigV4-signed with the server's credentials unless told not to. */
const send = async (request: RawRequest) => {
  const url = new URL(server.url)
  const headers: Record<string, string> = {
    host: url.host,
    "content-type": request.contentType ?? "application/x-amz-json-1.1",
    ...(request.target === undefined ? {} : { "x-amz-target": request.target })
  }
  const signed = request.sign === false ? {} : signRequest({
    method: "POST",
    path: "/",
    headers,
    body: request.body,
    accessKeyId: server.credentials.accessKeyId,
    secretAccessKey: server.credentials.secretAccessKey,
    region: request.region ?? "eu-west-1",
    service: "kms",
    now: Date.now()
  })
  const response = await fetch(server.url, { method: "POST", headers: { ...headers, ...signed, ...request.headers }, body: request.body })
  const text = await response.text()
  return { status: response.status, text, requestId: response.headers.get("x-amzn-requestid") }
}

/** The server must answer every mistake with an AWS-shaped 4xx, never a 5xx, and stay healthy. */
const expectClientError = (response: { status: number; text: string; requestId: string | null }) => {
  expect(response.status).toBeGreaterThanOrEqual(400)
  expect(response.status).toBeLessThan(500)
  expect(response.requestId).toMatch(/^[0-9a-f-]{36}$/)
  const body = JSON.parse(response.text) as { __type?: unknown }
  expect(typeof body.__type).toBe("string")
}

const stillHealthy = async () => {
  const ok = await send({ target: "TrentService.GenerateRandom", body: new TextEncoder().encode('{"NumberOfBytes":8}') })
  expect(ok.status).toBe(200)
}

const target = fc.constantFrom(...servedOperations).map((op) => `TrentService.${op}`)
const jsonish = fc.jsonValue({ maxDepth: 3 })
const member = fc.constantFrom(
  "KeyId", "Plaintext", "CiphertextBlob", "EncryptionContext", "NumberOfBytes", "KeySpec", "Limit", "Marker", "AliasName",
  "TargetKeyId", "Description", "Tags", "TagKeys", "Policy", "PolicyName", "PendingWindowInDays", "RotationPeriodInDays",
  "GrantTokens", "DryRun", "EncryptionAlgorithm", "DestinationKeyId", "KeyUsage", "Origin", "IncludeKeyMaterial"
)
const hostileValue = fc.oneof(
  jsonish,
  fc.string({ minLength: 5000, maxLength: 20000 }),
  fc.constantFrom("!!!not base64!!!", "QUJD=", "====", "", " ", "alias/", "arn:aws:kms:eu-west-1:111122223333:key/", "\u0000", "\ud800", "a\udfffb"),
  fc.dictionary(fc.constantFrom("a", "\ud800"), fc.constantFrom("b", "\udc00"), { maxKeys: 2 })
)

describe("bad input against the live server (fast-check)", () => {
  it("answers random bytes, truncated JSON and wrong JSON types with 4xx AWS errors", () =>
    checkProperty(
      "hostile bodies → 4xx",
      fc.asyncProperty(
        target,
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.tuple(fc.dictionary(member, hostileValue, { maxKeys: 6 }), fc.nat()).map(([object, cut]) => {
            const json = JSON.stringify(object)
            return new TextEncoder().encode(cut % 3 === 0 ? json.slice(0, cut % (json.length + 1)) : json)
          }),
          jsonish.map((value) => new TextEncoder().encode(JSON.stringify(value)))
        ),
        async (op, body) => {
          const response = await send({ target: op, body })
          if (response.status !== 200) expectClientError(response)
        }
      ),
      { numRuns: 300 }
    ).then(stillHealthy))

  it("answers wrong targets, content types, regions and auth headers with 4xx AWS errors", () =>
    checkProperty(
      "hostile envelopes → 4xx",
      fc.asyncProperty(
        fc.record({
          target: fc.option(fc.oneof(target, fc.string({ maxLength: 40 }), fc.constantFrom("TrentService.", "KMS.Encrypt", "TrentService.GetPublicKey")), { nil: undefined }),
          contentType: fc.option(fc.constantFrom("text/plain", "application/json", "", "application/x-amz-json-1.0"), { nil: undefined }),
          region: fc.option(fc.constantFrom("eu-west-1", "us-east-1", "xx-nowhere-9", "EU-WEST-1"), { nil: undefined }),
          sign: fc.boolean(),
          headers: fc.option(
            fc.record({
              authorization: fc.oneof(fc.string({ maxLength: 200 }), fc.constant("AWS4-HMAC-SHA256 Credential=AKID/20200101/eu-west-1/kms/aws4_request, SignedHeaders=host, Signature=00")),
              "x-amz-date": fc.oneof(fc.string({ maxLength: 20 }), fc.constant("20000101T000000Z"))
            }, { requiredKeys: [] }),
            { nil: undefined }
          )
        }),
        async (request) => {
          const response = await send({ ...request, body: new TextEncoder().encode('{"NumberOfBytes":4}') })
          if (response.status !== 200) expectClientError(response)
        }
      ),
      { numRuns: 300 }
    ).then(stillHealthy))

  it("answers a lone surrogate in an encryption context with a 400 SerializationException, for every operation that takes one", async () => {
    const { KeyMetadata } = await server.client().send(new CreateKeyCommand({}))
    const keyId = KeyMetadata!.KeyId!
    const { CiphertextBlob } = await server.client().send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1]) }))
    const blob = Buffer.from(CiphertextBlob!).toString("base64")
    const bodies: Record<string, object> = {
      Encrypt: { KeyId: keyId, Plaintext: "AQ==" },
      Decrypt: { CiphertextBlob: blob },
      GenerateDataKey: { KeyId: keyId, NumberOfBytes: 32 },
      GenerateDataKeyWithoutPlaintext: { KeyId: keyId, NumberOfBytes: 32 },
      ReEncrypt: { CiphertextBlob: blob, DestinationKeyId: keyId, DestinationEncryptionContext: { a: "\ud800" } }
    }
    for (const [operation, body] of Object.entries(bodies)) {
      for (const context of [{ a: "\ud800" }, { "\udfff": "b" }]) {
        const member = operation === "ReEncrypt" ? "SourceEncryptionContext" : "EncryptionContext"
        const json = JSON.stringify({ ...body, [member]: context })
        const response = await send({ target: `TrentService.${operation}`, body: new TextEncoder().encode(json) })
        expect(response.status, `${operation} ${json}`).toBe(400)
        expect(JSON.parse(response.text).__type).toBe("SerializationException")
      }
    }
    await stillHealthy()
  })

  it("refuses a body over the size limit without reading it all, and keeps serving", async () => {
    const response = await send({ target: "TrentService.Encrypt", body: new Uint8Array(2 * 1024 * 1024).fill(0x20) })
    expect(response.status).toBe(413)
    await stillHealthy()
  })
})
