import type { ChildProcess } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { availableParallelism, tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { call, credentialsOf, region, signed, type SignedRequest } from "./benchClient.ts"
import { type CpuCell, loadWithCpu, warmUp } from "./cpuLoad.ts"
import { localKmsBinary } from "./localKms.ts"
import { startCommand, startProcess, stopProcess } from "./startProcess.ts"

const seconds = Number(process.env["BENCH_SECONDS"] ?? 5)
const connectionCounts = (process.env["BENCH_CONNECTIONS"] ?? "1,8,32").split(",").map(Number)
const here = fileURLToPath(new URL(".", import.meta.url))
const serverMain = resolve(here, "../../../apps/server/src/main.ts")
const plaintext = Buffer.alloc(256, 7).toString("base64")

interface Contender {
  readonly name: string
  readonly start: () => Promise<{ readonly child: ChildProcess; readonly url: string; readonly encrypt: SignedRequest; readonly cleanup: () => void }>
}

const freePort = () =>
  new Promise<number>((done) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => done(port))
    })
  })

/** Node servers of this folder that print PORT=<n>: the bare ceiling and the floor. */
const nodeServer = (name: string, file: string): Contender => ({
  name,
  start: async () => {
    const { child, match } = await startProcess([join(here, file)], {}, /PORT=(\d+)/)
    const url = `http://127.0.0.1:${match[1]}`
    return { child, url, encrypt: { body: JSON.stringify({ KeyId: "k", Plaintext: plaintext }), headers: { "content-type": "application/x-amz-json-1.1" } }, cleanup: () => undefined }
  }
})

/** `BENCH_BASELINE=<checkout>`: another checkout of Trent (an earlier commit, with its own node_modules), benched beside this one. */
const baseline = process.env["BENCH_BASELINE"]?.trim()

const trent = (name: string, flags: ReadonlyArray<string>, workers: number, main: string = serverMain): Contender => ({
  name,
  start: async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "trent-bench-compare-"))
    const ready = workers === 1 ? /Trent listening on (http:\/\/[^"\s]+)/ : /workers serving (http:\/\/[^"\s]+)/
    const args = [main, "--workers", String(workers), "--port", "0", "--data-dir", dataDir, "--regions", region, "--log-level", "info", "--request-log-sample", "0", ...flags]
    const { child, match } = await startProcess(args, {}, ready)
    const url = match[1]!
    const credentials = credentialsOf(dataDir)
    const key = await call(url, signed(url, credentials, "CreateKey", {}))
    const encrypt = signed(url, credentials, "Encrypt", { KeyId: (key["KeyMetadata"] as { KeyId: string }).KeyId, Plaintext: plaintext })
    return { child, url, encrypt, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) }
  }
})

const localKms = (binary: string): Contender => ({
  name: "local-kms (Go; unsigned, no policies, no audit)",
  start: async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "trent-bench-local-kms-"))
    const port = await freePort()
    const { child } = await startCommand(binary, [], { PORT: String(port), KMS_DATA_PATH: dataDir }, /Local KMS started/, "stderr")
    const url = `http://127.0.0.1:${port}`
    const target = (operation: string, payload: unknown): SignedRequest => ({
      body: JSON.stringify(payload),
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `TrentService.${operation}` }
    })
    const key = await call(url, target("CreateKey", {}))
    const encrypt = target("Encrypt", { KeyId: (key["KeyMetadata"] as { KeyId: string }).KeyId, Plaintext: plaintext })
    return { child, url, encrypt, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) }
  }
})

const measure = async (contender: Contender): Promise<ReadonlyArray<CpuCell>> => {
  const server = await contender.start()
  try {
    await warmUp(server.url, server.encrypt)
    const cells: Array<CpuCell> = []
    for (const connections of connectionCounts) cells.push(await loadWithCpu(server.url, server.child.pid!, connections, server.encrypt, seconds))
    return cells
  } finally {
    await stopProcess(server.child)
    server.cleanup()
  }
}

/**
 * `npm run bench -- compare` (issue #20's table): Encrypt of 256 bytes on this machine, one run,
 * side by side — the bare node:http ceiling, the floor (node:http + JSON + base64 + AES-GCM with a
 * KeyObject made once), local-kms built from its Go source, and Trent with one worker, with one
 * worker and no audit, and with every worker. Server CPU per request is read from each server's
 * processes in /proc, so it does not depend on the load generator (autocannon, on the same cores).
 */
export const runCompareBench = async () => {
  const binary = await localKmsBinary()
  const workers = availableParallelism()
  const contenders: ReadonlyArray<Contender> = [
    nodeServer("bare node:http (fixed JSON out)", "bareServer.ts"),
    nodeServer("floor: node:http + JSON + base64 + AES-256-GCM", "floorServer.ts"),
    ...(binary === undefined ? [] : [localKms(binary)]),
    trent("Trent, 1 worker (SigV4, policies, audit)", [], 1),
    trent("Trent, 1 worker, --no-audit", ["--no-audit"], 1),
    trent(`Trent, ${workers} workers (SigV4, policies, audit)`, [], workers),
    ...(baseline === undefined || baseline === "" ? [] : [
      trent(`baseline ${baseline}, 1 worker`, [], 1, resolve(baseline, "apps/server/src/main.ts")),
      trent(`baseline ${baseline}, 1 worker, --no-audit`, ["--no-audit"], 1, resolve(baseline, "apps/server/src/main.ts"))
    ])
  ]
  const results: Array<{ readonly name: string; readonly cells: ReadonlyArray<CpuCell> }> = []
  for (const contender of contenders) results.push({ name: contender.name, cells: await measure(contender) })

  const floor = results[1]!.cells
  console.log(`\nEncrypt, 256-byte plaintext, ${seconds}s per cell, one run on ${workers} cores (autocannon on the same cores; request logs off)\n`)
  const counts = connectionCounts.map((c) => `c${c}`)
  console.log(`| server | ${counts.map((c) => `req/s ${c}`).join(" | ")} | ${counts.map((c) => `p99 ms ${c}`).join(" | ")} | ${counts.map((c) => `CPU µs/req ${c}`).join(" | ")} | CPU × floor (${counts.join(", ")}) | errors |`)
  console.log(`|---|${connectionCounts.map(() => "---:|").join("").repeat(3)}---:|---:|`)
  for (const { name, cells } of results) {
    const multiple = cells.map((cell, i) => (cell.cpuMicros / Math.max(1, floor[i]!.cpuMicros)).toFixed(1)).join(", ")
    const errors = cells.reduce((sum, cell) => sum + cell.errors, 0)
    console.log(`| ${name} | ${cells.map((c) => c.rps).join(" | ")} | ${cells.map((c) => c.p99).join(" | ")} | ${cells.map((c) => c.cpuMicros).join(" | ")} | ${multiple} | ${errors} |`)
  }
  if (binary === undefined) console.log("\n(local-kms skipped: no Go toolchain to build it)")
}
