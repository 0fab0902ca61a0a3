import { GenerateRandomCommand } from "@aws-sdk/client-kms"
import { mkdtempSync, readdirSync } from "node:fs"
import { connect, type Socket } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { readSharedCredentials, removeDir, type RunningServer, startServer } from "./serverFixture.test-support.ts"
import { type ServerProcess, startServerProcess } from "./serverProcess.test-support.ts"

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Opens `count` connections to `url` that send nothing; each closes itself after `lifetimeMs` at the latest. */
const idleSockets = async (url: string, count: number, lifetimeMs: number) => {
  const { port } = new URL(url)
  const sockets: Array<Socket> = []
  const closed = { count: 0 }
  for (let batch = 0; batch < count; batch += 250) {
    await Promise.all(Array.from({ length: Math.min(250, count - batch) }, () =>
      new Promise<void>((resolve) => {
        const socket = connect(Number(port), "127.0.0.1", () => resolve())
        socket.on("error", () => resolve())
        socket.resume()
        socket.once("close", () => closed.count++)
        socket.setTimeout(lifetimeMs, () => socket.destroy())
        sockets.push(socket)
      })))
  }
  return { sockets, closed, destroy: () => sockets.forEach((socket) => socket.destroy()) }
}

/** Slowloris: `count` connections that send one byte of a header every `everyMs`, for `forMs` at most. */
const tricklingSockets = async (url: string, count: number, everyMs: number, forMs: number) => {
  const idle = await idleSockets(url, count, forMs)
  const started = Date.now()
  for (const socket of idle.sockets) socket.write("POST / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
  const timer = setInterval(() => {
    for (const socket of idle.sockets) if (!socket.destroyed) socket.write("a")
    if (Date.now() - started > forMs) clearInterval(timer)
  }, everyMs)
  return { ...idle, destroy: () => (clearInterval(timer), idle.destroy()) }
}

describe("connections under an open-file limit of 1,024 (a default install's)", () => {
  let server: ServerProcess
  let dataDir: string
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "trent-connections-"))
    server = await startServerProcess(["--workers", "1", "--data-dir", dataDir, "--regions", "eu-west-1", "--log-level", "debug"], {}, { openFileLimit: 1024 })
  })
  afterAll(async () => {
    await server.stop()
    removeDir(dataDir)
  })

  it("serves a normal client while 3,000 idle and 500 trickling connections are open", async () => {
    const idle = await idleSockets(server.url, 3_000, 20_000)
    const trickling = await tricklingSockets(server.url, 500, 200, 20_000)
    try {
      await sleep(500)
      const client = server.client(readSharedCredentials(dataDir))
      const started = performance.now()
      for (let i = 0; i < 5; i++) {
        const { Plaintext } = await client.send(new GenerateRandomCommand({ NumberOfBytes: 16 }), { abortSignal: AbortSignal.timeout(5_000) })
        expect(Plaintext?.length).toBe(16)
        // A new connection each time, opened while the others still are.
        expect((await fetch(`${server.url}/health`, { headers: { connection: "close" }, signal: AbortSignal.timeout(5_000) })).status).toBe(200)
        await sleep(100)
      }
      const servedMs = performance.now() - started
      const stillOpen = [...idle.sockets, ...trickling.sockets].filter((socket) => !socket.destroyed).length
      const serverFiles = readdirSync(`/proc/${server.child.pid}/fd`).length
      console.log(JSON.stringify({ opened: 3_500, stillOpenOnClientSide: stillOpen, serverOpenFiles: serverFiles, servedFiveRoundsMs: Math.round(servedMs) }))
      expect(serverFiles).toBeLessThan(1_024)
      expect(servedMs).toBeLessThan(10_000)
    } finally {
      idle.destroy()
      trickling.destroy()
    }
    expect((await fetch(`${server.url}/health`)).status).toBe(200)
  })

  it("writes only JSON log lines, also for a client that aborts mid-body", async () => {
    const { port } = new URL(server.url)
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), "127.0.0.1", () => {
        socket.write("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: TrentService.ListKeys\r\nContent-Length: 100\r\n\r\n{\"Li")
        setTimeout(() => (socket.destroy(), resolve()), 100)
      })
    })
    await sleep(300)
    expect(server.lines.length).toBeGreaterThan(0)
    for (const line of server.lines) expect(() => JSON.parse(line), line).not.toThrow()
  })
})

describe("idle and slow connections are not held", () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ headersTimeoutMs: 500, requestTimeoutMs: 1_000, keepAliveTimeoutMs: 300 })
  })
  afterAll(async () => {
    await server.stop()
    removeDir(server.dataDir)
  })

  it("closes a connection that sends nothing, or trickles its headers, after the headers timeout", async () => {
    const idle = await idleSockets(server.url, 1, 10_000)
    const trickling = await tricklingSockets(server.url, 1, 100, 10_000)
    const started = Date.now()
    while (idle.closed.count + trickling.closed.count < 2 && Date.now() - started < 5_000) await sleep(50)
    expect(idle.closed.count + trickling.closed.count).toBe(2)
    expect(Date.now() - started).toBeLessThan(3_000)
  })

  it("closes a keep-alive connection idle between requests after the keep-alive timeout", async () => {
    const { port } = new URL(server.url)
    const socket = connect(Number(port), "127.0.0.1")
    const closedAfter = await new Promise<number>((resolve) => {
      let answered = 0
      socket.on("data", () => (answered = Date.now()))
      socket.on("close", () => resolve(Date.now() - answered))
      socket.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
      socket.setTimeout(5_000, () => socket.destroy())
    })
    expect(closedAfter).toBeLessThan(2_000)
  })

  it("at the cap, closes the longest-idle connection rather than refuse a new client", async () => {
    const capped = await startServer({ maxConnections: 20 })
    try {
      const idle = await idleSockets(capped.url, 200, 10_000)
      await sleep(200)
      expect((await fetch(`${capped.url}/health`)).status).toBe(200)
      expect(idle.sockets.filter((socket) => !socket.destroyed).length).toBeLessThanOrEqual(20)
      idle.destroy()
    } finally {
      await capped.stop()
      removeDir(capped.dataDir)
    }
  })
})
