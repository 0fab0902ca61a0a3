import { connect } from "node:net"
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

/** Sends raw bytes and reads until the server closes the connection. */
const raw = (bytes: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const { port } = new URL(server.url)
    const socket = connect(Number(port), "127.0.0.1", () => socket.end(bytes))
    const chunks: Array<Buffer> = []
    socket.on("data", (chunk: Buffer) => chunks.push(chunk))
    socket.on("close", () => resolve(Buffer.concat(chunks).toString("latin1")))
    socket.on("error", reject)
    socket.setTimeout(5_000, () => socket.destroy(new Error("no answer within 5 s")))
  })

const expectAwsShaped = (answer: string, status: number) => {
  const [head, body] = answer.split("\r\n\r\n") as [string, string]
  expect(head).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `))
  expect(head).toMatch(/\r\ncontent-type: application\/x-amz-json-1\.1\r\n/i)
  expect(head).toMatch(/\r\nx-amzn-requestid: [0-9a-f-]{36}\r\n/i)
  expect(JSON.parse(body)).toEqual({ __type: "SerializationException", message: expect.any(String) })
}

const target = "X-Amz-Target: TrentService.ListKeys\r\n"

describe("requests node's HTTP parser refuses", () => {
  it("answers a NUL in a header in AWS's JSON error shape", async () => {
    expectAwsShaped(await raw(`POST / HTTP/1.1\r\nHost: x\r\n${target}X-Odd: a\u0000b\r\nContent-Length: 2\r\n\r\n{}`), 400)
  })

  it("answers Transfer-Encoding: identity in AWS's JSON error shape", async () => {
    expectAwsShaped(await raw(`POST / HTTP/1.1\r\nHost: x\r\n${target}Transfer-Encoding: identity\r\n\r\n{}`), 400)
  })

  it("answers a body sent without Content-Length in AWS's JSON error shape", async () => {
    const answer = await raw(`POST / HTTP/1.1\r\nHost: x\r\n${target}\r\n{"Limit":1}`)
    // The bodiless request is answered (unsigned: 400), then the stray body, which is no request, is refused.
    const last = answer.slice([...answer.matchAll(/HTTP\/1\.1 \d{3} /g)].at(-1)!.index)
    expectAwsShaped(last, 400)
  })

  it("answers headers larger than node allows with 431 in AWS's JSON error shape", async () => {
    expectAwsShaped(await raw(`POST / HTTP/1.1\r\nHost: x\r\n${target}X-Big: ${"a".repeat(20_000)}\r\nContent-Length: 2\r\n\r\n{}`), 431)
  })

  it("keeps serving afterwards", async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200)
  })
})
