import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { call, credentialsOf, region, signed } from "./benchClient.ts"
import { type CpuCell, loadWithCpu, warmUp } from "./cpuLoad.ts"
import { startProcess, stopProcess } from "./startProcess.ts"

const seconds = Number(process.env["BENCH_SECONDS"] ?? 5)
const connectionCounts = (process.env["BENCH_CONNECTIONS"] ?? "8,32").split(",").map(Number)
const serverMain = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../apps/server/src/main.ts")

interface WorkersRow extends CpuCell {
  readonly workers: number
}

/** One server with `workers` processes: Encrypt at each connection count, with the server's own CPU per request. */
const measure = async (workers: number): Promise<Array<WorkersRow>> => {
  const dataDir = mkdtempSync(join(tmpdir(), "trent-bench-workers-"))
  const ready = workers === 1 ? /Trent listening on (http:\/\/[^"\s]+)/ : /workers serving (http:\/\/[^"\s]+)/
  const server = await startProcess([serverMain, "--workers", String(workers), "--port", "0", "--data-dir", dataDir, "--regions", region, "--log-level", "info"], {}, ready)
  const url = server.match[1]!
  const rows: Array<WorkersRow> = []
  try {
    const credentials = credentialsOf(dataDir)
    const key = await call(url, signed(url, credentials, "CreateKey", {}))
    const encrypt = signed(url, credentials, "Encrypt", { KeyId: (key["KeyMetadata"] as { KeyId: string }).KeyId, Plaintext: Buffer.alloc(256, 7).toString("base64") })
    // Every worker's actor resident and its code warm before measuring.
    await warmUp(url, encrypt)
    for (const connections of connectionCounts) {
      rows.push({ workers, ...await loadWithCpu(url, server.child.pid!, connections, encrypt, seconds) })
    }
  } finally {
    await stopProcess(server.child)
    rmSync(dataDir, { recursive: true, force: true })
  }
  return rows
}

/**
 * `npm run bench -- workers`: Encrypt with `--workers 1` and `--workers 2` on
 * the embedded store. The load generator (autocannon, one thread) runs on the
 * same two cores, so req/s understates what two workers give a remote client;
 * server CPU per request (all of the server's processes, from /proc) does not
 * depend on it.
 */
export const runWorkersBench = async () => {
  const rows = [...await measure(1), ...await measure(2)]
  console.log(`\nEncrypt, --workers 1 vs 2, embedded store, ${seconds}s per cell (autocannon on the same 2 cores)\n`)
  console.log("| workers | connections | req/s | p50 ms | p99 ms | server CPU µs/req | errors |")
  console.log("|---:|---:|---:|---:|---:|---:|---:|")
  for (const row of rows) {
    console.log(`| ${row.workers} | ${row.connections} | ${row.rps} | ${row.p50} | ${row.p99} | ${row.cpuMicros} | ${row.errors} |`)
  }
  for (const connections of connectionCounts) {
    const one = rows.find((row) => row.workers === 1 && row.connections === connections)!
    const two = rows.find((row) => row.workers === 2 && row.connections === connections)!
    console.log(`\n${connections} connections: workers-2 / workers-1 = ${(two.rps / one.rps).toFixed(2)} (req/s), CPU per request ${two.cpuMicros} vs ${one.cpuMicros} µs`)
  }
}
