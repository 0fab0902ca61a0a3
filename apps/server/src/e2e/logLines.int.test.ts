import { DescribeKeyCommand, ListKeysCommand } from "@aws-sdk/client-kms"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { removeDir } from "./serverFixture.test-support.ts"
import { startServerProcess } from "./serverProcess.test-support.ts"

const dev = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "dev" }

/** Runs a server with `flags`, makes one successful and one refused request, stops it, and returns its stdout lines parsed. */
const linesOf = async (flags: ReadonlyArray<string>) => {
  const dir = mkdtempSync(join(tmpdir(), "trent-logs-"))
  const server = await startServerProcess(["--workers", "1", "--dev", "--data-dir", dir, "--regions", "eu-west-1", ...flags])
  try {
    const kms = server.client(dev)
    await kms.send(new ListKeysCommand({}))
    await kms.send(new DescribeKeyCommand({ KeyId: "alias/missing" })).catch(() => undefined)
  } finally {
    expect(await server.stop()).toBe(0)
    removeDir(dir)
  }
  return server.lines.map((line) => JSON.parse(line) as Record<string, unknown>)
}

describe("the server's stdout", () => {
  it("is flat JSON lines only, with a line at start and at shutdown, and one per request at info", async () => {
    const lines = await linesOf([])
    for (const line of lines) {
      expect(Object.keys(line).slice(0, 3)).toEqual(["time", "level", "message"])
      expect(typeof line["message"]).toBe("string")
      for (const internal of ["annotations", "spans", "fiberId"]) expect(line).not.toHaveProperty(internal)
    }
    const messages = lines.map((line) => line["message"])
    expect(lines.find((line) => line["message"] === "Trent started")).toMatchObject({ level: "info", role: "server", regions: "eu-west-1", store: "embedded", devMode: true })
    const requests = lines.filter((line) => line["message"] === "request")
    expect(requests.map((line) => [line["level"], line["operation"], line["status"]])).toEqual([["info", "ListKeys", 200], ["info", "DescribeKey", 400]])
    expect(requests[0]).toMatchObject({ requestId: expect.any(String), outcome: "Success", durationMs: expect.any(Number) })
    const stopping = messages.findIndex((m) => String(m).startsWith("Trent stopping"))
    expect(stopping).toBeGreaterThan(messages.indexOf("Trent started"))
    expect(messages.at(-1)).toBe("Trent stopped")
    expect(lines.at(-1)).toMatchObject({ exit: "clean" })
  }, 60_000)

  it("with --request-log-sample 0 logs no successful request, and still every refused one", async () => {
    const requests = (await linesOf(["--request-log-sample", "0"])).filter((line) => line["message"] === "request")
    expect(requests.map((line) => line["operation"])).toEqual(["DescribeKey"])
  }, 60_000)
})
