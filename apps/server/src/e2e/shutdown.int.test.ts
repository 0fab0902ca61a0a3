import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, statSync } from "node:fs"
import { request } from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { removeDir } from "./serverFixture.test-support.ts"

const main = fileURLToPath(new URL("../main.ts", import.meta.url))

/** A KMS request whose body arrives slowly: in flight at the server while it is told to stop. */
const slowRequest = (url: string, target: string, body: string, delayMs: number) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { method: "POST", agent: false, headers: { "x-amz-target": target, "content-length": Buffer.byteLength(body) } }, (res) => {
      let text = ""
      res.on("data", (chunk) => (text += chunk))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on("error", reject)
    req.write(body.slice(0, 5))
    setTimeout(() => req.end(body.slice(5)), delayMs)
  })

describe("graceful shutdown", () => {
  it("on SIGTERM stops accepting, finishes the requests in flight, closes the stores and exits 0", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "trent-shutdown-"))
    try {
      const child = spawn(process.execPath, [main, "--port", "0", "--data-dir", dataDir, "--dev", "--regions", "us-east-1"], {
        stdio: ["ignore", "pipe", "pipe"]
      })
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).on("line", (line) => {
          const match = /Trent listening on (http:\/\/[\d.:]+)/.exec(line)
          if (match !== null) resolve(match[1]!)
        })
        child.once("exit", () => reject(new Error("the server exited before listening")))
      })
      const inFlight = Array.from({ length: 10 }, () => slowRequest(url, "TrentService.GenerateRandom", '{"NumberOfBytes":16}', 400))
      await new Promise((resolve) => setTimeout(resolve, 150))
      child.kill("SIGTERM")
      const responses = await Promise.all(inFlight)
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200))
      expect(await exited).toBe(0)
      await expect(fetch(`${url}/health`)).rejects.toThrow()
      const wal = join(dataDir, "us-east-1", "events.db-wal")
      expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true)
    } finally {
      removeDir(dataDir)
    }
  })
})
