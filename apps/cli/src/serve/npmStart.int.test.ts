import { execFileSync, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { connect } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { listeningUrl } from "../testing/trentServer.test-support.ts"

const checkout = fileURLToPath(new URL("../../../..", import.meta.url))

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const portOpen = (url: string) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(url)
    const socket = connect(Number(port), hostname)
    socket.once("connect", () => (socket.destroy(), resolve(true)))
    socket.once("error", () => resolve(false))
  })

describe("npm start under a process manager", () => {
  it("stops the server, its workers included, when only the npm process gets SIGTERM", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "trent-npm-start-"))
    // The README's command, as systemd or a container runtime runs it: SIGTERM goes to npm's pid alone.
    const npm = spawn("npm", ["start", "--", "--port", "0", "--data-dir", dataDir, "--workers", "2"], {
      cwd: checkout,
      stdio: ["ignore", "pipe", "inherit"]
    })
    const pids = new Set<number>()
    createInterface({ input: npm.stdout! }).on("line", (line) => {
      const pid = /"pid":(\d+)/.exec(line)?.[1]
      if (pid !== undefined) pids.add(Number(pid))
    })
    const exited = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)))
    try {
      const url = await listeningUrl(npm)
      expect(await portOpen(url)).toBe(true)
      await expect.poll(() => pids.size, { timeout: 30_000 }).toBe(2) // the workers' "Trent started" lines
      // The primary is npm's child: `exec` in the start script leaves no shell between them.
      const children = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(npm.pid)], { encoding: "utf8" }).trim().split("\n")
      expect(children).toHaveLength(1)
      expect(children[0]).toMatch(/^\s*\d+ node apps\/cli\/src\/main\.ts serve /)
      pids.add(Number.parseInt(children[0]!, 10))

      npm.kill("SIGTERM")
      expect(await exited).toBe(0)
      await expect.poll(() => [...pids].filter(alive), { timeout: 10_000 }).toEqual([])
      expect(await portOpen(url)).toBe(false)
    } finally {
      for (const pid of [npm.pid!, ...pids]) if (alive(pid)) process.kill(pid, "SIGKILL")
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
