import { SecretBytes } from "@trent/crypto"
import { Effect, Exit } from "effect"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { connectionErrorOf } from "./connectionErrors.ts"
import { makeXksProxyClient, XksProxyCallFailed, type XksProxyTarget } from "./XksProxyClient.ts"

/** A stand-in proxy: answers each path as the test says, and remembers what it was sent. */
let server: Server
let endpoint: string
const seen: Array<{ readonly path: string; readonly authorization: string; readonly body: Record<string, unknown> }> = []
const answers = new Map<string, { readonly status: number; readonly body: string }>()

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = ""
    request.on("data", (chunk: Buffer) => (body += chunk.toString()))
    request.on("end", () => {
      seen.push({ path: request.url ?? "", authorization: String(request.headers.authorization), body: JSON.parse(body) as Record<string, unknown> })
      const answer = answers.get(request.url ?? "") ?? { status: 404, body: JSON.stringify({ errorName: "InvalidUriPathException" }) }
      response.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const target = (): XksProxyTarget => ({
  uriEndpoint: endpoint,
  uriPath: "/p/kms/xks/v1",
  accessKeyId: "XKSAAAAAAAAAAAAAAAAAAAAA",
  secretAccessKey: SecretBytes.adopt(new TextEncoder().encode("s".repeat(43)))
})
const client = makeXksProxyClient("eu-west-1")
const metadata = { awsPrincipalArn: "arn:aws:iam::111122223333:root", kmsOperation: "Encrypt", kmsRequestId: "r1" }

describe("XKS proxy client", () => {
  it("signs for kms-xks-proxy in the store's Region and sends the request metadata", async () => {
    answers.set("/p/kms/xks/v1/health", { status: 200, body: JSON.stringify({ xksProxyFleetSize: 1 }) })
    await Effect.runPromise(client.health(target(), { kmsOperation: "ConnectCustomKeyStore", kmsRequestId: "r0" }))
    const last = seen.at(-1)!
    expect(last.authorization).toMatch(/Credential=XKSAAAAAAAAAAAAAAAAAAAAA\/\d{8}\/eu-west-1\/kms-xks-proxy\/aws4_request/)
    expect(last.body).toEqual({ requestMetadata: { kmsOperation: "ConnectCustomKeyStore", kmsRequestId: "r0" } })
    expect(last.authorization).not.toContain("s".repeat(43))
  })

  it("reads an AES-GCM encryption from the proxy's answer", async () => {
    const b64 = (n: number, fill: number) => Buffer.alloc(n, fill).toString("base64")
    answers.set("/p/kms/xks/v1/keys/k-1/encrypt", {
      status: 200,
      body: JSON.stringify({ ciphertext: b64(5, 1), ciphertextMetadata: b64(3, 2), initializationVector: b64(12, 3), authenticationTag: b64(16, 4) })
    })
    const layer = await Effect.runPromise(client.encrypt(target(), "k-1", Uint8Array.of(9), Uint8Array.of(8), metadata))
    expect(layer.ciphertext).toEqual(new Uint8Array(5).fill(1))
    expect(layer.authenticationTag).toHaveLength(16)
    expect(seen.at(-1)!.body).toMatchObject({ plaintext: "CQ==", additionalAuthenticatedData: "CA==", encryptionAlgorithm: "AES_GCM" })
  })

  it("refuses an answer that is not an AES-GCM encryption", async () => {
    answers.set("/p/kms/xks/v1/keys/k-2/encrypt", { status: 200, body: JSON.stringify({ ciphertext: "AA==" }) })
    const failure = await Effect.runPromise(Effect.flip(client.encrypt(target(), "k-2", Uint8Array.of(9), Uint8Array.of(8), metadata)))
    expect(failure.reason).toBe("invalidResponse")
  })

  it("names the proxy's errorName, and says nothing of its message", async () => {
    answers.set("/p/kms/xks/v1/keys/k-3/decrypt", { status: 400, body: JSON.stringify({ errorName: "InvalidStateException", errorMessage: "disabled" }) })
    const layer = { ciphertext: Uint8Array.of(1), ciphertextMetadata: new Uint8Array(), initializationVector: new Uint8Array(12), authenticationTag: new Uint8Array(16) }
    const failure = await Effect.runPromise(Effect.flip(client.decrypt(target(), "k-3", layer, Uint8Array.of(1), metadata)))
    expect(failure).toMatchObject({ reason: "proxyError", errorName: "InvalidStateException" })
    expect(failure.message).not.toContain("disabled")
  })

  it("tells an unreachable proxy apart", async () => {
    const closed = { ...target(), uriEndpoint: "http://127.0.0.1:1" }
    const exit = await Effect.runPromiseExit(client.health(closed, { kmsOperation: "x", kmsRequestId: "y" }))
    expect(Exit.isFailure(exit)).toBe(true)
    const failure = await Effect.runPromise(Effect.flip(client.health(closed, { kmsOperation: "x", kmsRequestId: "y" })))
    expect(failure.reason).toBe("unreachable")
  })
})

describe("connection error codes", () => {
  const failed = (reason: XksProxyCallFailed["reason"], errorName?: string) =>
    new XksProxyCallFailed({ reason, message: "m", ...(errorName === undefined ? {} : { errorName }) })

  it("map each failure of the health check to AWS's ConnectionErrorCode", () => {
    expect(connectionErrorOf(failed("unreachable"))).toBe("XKS_PROXY_NOT_REACHABLE")
    expect(connectionErrorOf(failed("timedOut"))).toBe("XKS_PROXY_TIMED_OUT")
    expect(connectionErrorOf(failed("invalidResponse"))).toBe("XKS_PROXY_INVALID_RESPONSE")
    expect(connectionErrorOf(failed("proxyError", "AuthenticationFailedException"))).toBe("INVALID_CREDENTIALS")
    expect(connectionErrorOf(failed("proxyError", "AccessDeniedException"))).toBe("XKS_PROXY_ACCESS_DENIED")
    expect(connectionErrorOf(failed("proxyError", "InvalidUriPathException"))).toBe("XKS_PROXY_INVALID_CONFIGURATION")
    expect(connectionErrorOf(failed("proxyError", "InternalException"))).toBe("INTERNAL_ERROR")
  })
})
