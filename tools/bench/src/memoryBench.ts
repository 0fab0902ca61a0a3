import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import autocannon from "autocannon"
import { call, type Credentials, credentialsOf, region, signed } from "./benchClient.ts"
import { startProcess, stopProcess } from "./startProcess.ts"

const serverMain = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../apps/server/src/main.ts")
const keyCount = Number(process.env["BENCH_MEMORY_KEYS"] ?? 10_000)
const requestCount = Number(process.env["BENCH_MEMORY_REQUESTS"] ?? 1_000_000)
const plaintext = Buffer.alloc(256, 7).toString("base64")

/** The resident set of a process (VmRSS in /proc/<pid>/status), in bytes. */
const rssOf = (pid: number): number => Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1)

/** `count` keys, `parallel` CreateKey calls at a time; each request signed on its own. */
const createKeys = async (url: string, credentials: Credentials, count: number, parallel = 8): Promise<Array<string>> => {
  const ids: Array<string> = []
  const next = async (): Promise<void> => {
    while (ids.length < count) {
      ids.push("")
      const slot = ids.length - 1
      const created = await call(url, signed(url, credentials, "CreateKey", {}))
      ids[slot] = (created["KeyMetadata"] as { KeyId: string }).KeyId
    }
  }
  await Promise.all(Array.from({ length: parallel }, next))
  return ids
}

/**
 * `npm run bench -- memory` (issue #20): one worker, `BENCH_MEMORY_KEYS` keys (10,000), each made
 * resident by an Encrypt; then `BENCH_MEMORY_REQUESTS` Encrypts (1,000,000) spread over every key
 * at 8 connections. Prints the server's RSS after start, with every key resident, and after the
 * requests: flat means the last two agree within the heap's own breathing, and (resident − start)
 * / keys is what a resident key costs.
 */
export const runMemoryBench = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "trent-bench-memory-"))
  const args = [serverMain, "--workers", "1", "--port", "0", "--data-dir", dataDir, "--regions", region, "--log-level", "info", "--request-log-sample", "0"]
  const server = await startProcess(args, {}, /Trent listening on (http:\/\/[^"\s]+)/)
  const url = server.match[1]!
  const pid = server.child.pid!
  try {
    const credentials = credentialsOf(dataDir)
    const [first] = await createKeys(url, credentials, 1)
    await autocannon({ url, method: "POST", connections: 8, amount: 20_000, ...signed(url, credentials, "Encrypt", { KeyId: first, Plaintext: plaintext }) })
    const started = rssOf(pid)
    const keys = await createKeys(url, credentials, keyCount)
    const requests = keys.map((keyId) => ({ method: "POST" as const, path: "/", ...signed(url, credentials, "Encrypt", { KeyId: keyId, Plaintext: plaintext }) }))
    const warm = await autocannon({ url, connections: 8, amount: keyCount * 2, requests })
    const resident = rssOf(pid)
    const began = Date.now()
    const run = await autocannon({ url, connections: 8, amount: requestCount, requests })
    const after = rssOf(pid)
    const errors = warm.non2xx + warm.errors + run.non2xx + run.errors + run.timeouts
    console.log(`\nMemory: one worker, ${keyCount} keys, ${requestCount} Encrypts over them at 8 connections (${((Date.now() - began) / 1000).toFixed(0)} s)\n`)
    console.log("| RSS after start (1 key) MiB | with every key resident MiB | after the requests MiB | growth over the requests MiB | bytes per resident key | errors |")
    console.log("|---:|---:|---:|---:|---:|---:|")
    console.log(`| ${mib(started)} | ${mib(resident)} | ${mib(after)} | ${mib(after - resident)} | ${Math.round((resident - started) / keyCount)} | ${errors} |`)
  } finally {
    await stopProcess(server.child)
    rmSync(dataDir, { recursive: true, force: true })
  }
}
