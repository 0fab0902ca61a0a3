import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { call, credentialsOf, load, printRows, region, type Row, signed } from "./benchClient.ts"
import { startProcess, stopProcess } from "./startProcess.ts"

/**
 * The cost of the audit trail (issue #7: Encrypt throughput with audit on at
 * least 80% of audit off, in the same run). Two servers on the embedded store,
 * one with `--no-audit`, each driven in turn with SigV4-signed Encrypt and
 * GenerateDataKey at BENCH_AUDIT_CONNECTIONS (default 8,32). Prints a table
 * and the ratios; asserts nothing.
 */
const seconds = Number(process.env["BENCH_SECONDS"] ?? 5)
const connectionCounts = (process.env["BENCH_AUDIT_CONNECTIONS"] ?? "8,32").split(",").map(Number)
const here = fileURLToPath(new URL(".", import.meta.url))
const serverMain = resolve(here, "../../../apps/server/src/main.ts")

const startTrent = async (audit: boolean) => {
  const dataDir = mkdtempSync(join(tmpdir(), "trent-bench-"))
  const flags = audit ? [] : ["--no-audit"]
  const trent = await startProcess(
    [serverMain, "--port", "0", "--data-dir", dataDir, "--regions", region, "--log-level", "info", ...flags],
    {},
    /Trent listening on (http:\/\/[^"\s]+)/
  )
  return { dataDir, trent, url: trent.match[1]! }
}

export const runAuditBench = async () => {
  const rows: Array<Row> = []
  const servers = [{ label: "audit on", ...await startTrent(true) }, { label: "audit off", ...await startTrent(false) }]
  try {
    const scenarios = await Promise.all(servers.map(async (server) => {
      const credentials = credentialsOf(server.dataDir)
      const key = await call(server.url, signed(server.url, credentials, "CreateKey", {}))
      const keyId = (key["KeyMetadata"] as { KeyId: string }).KeyId
      return {
        server,
        Encrypt: signed(server.url, credentials, "Encrypt", { KeyId: keyId, Plaintext: Buffer.alloc(256, 7).toString("base64") }),
        GenerateDataKey: signed(server.url, credentials, "GenerateDataKey", { KeyId: keyId, KeySpec: "AES_256" })
      }
    }))
    for (const connections of connectionCounts) {
      for (const operation of ["Encrypt", "GenerateDataKey"] as const) {
        for (const scenario of scenarios) {
          rows.push(await load(`${operation} (${scenario.server.label})`, scenario.server.url, connections, scenario[operation], seconds))
          await call(scenario.server.url, scenario[operation])
        }
      }
    }
  } finally {
    for (const server of servers) {
      await stopProcess(server.trent.child)
      rmSync(server.dataDir, { recursive: true, force: true })
    }
  }
  console.log(`\nThe audit trail's cost: the same requests with and without it, ${seconds}s per cell\n`)
  printRows(rows)
  for (const connections of connectionCounts) {
    const at = (scenario: string) => rows.find((row) => row.scenario === scenario && row.connections === connections)?.rps ?? 0
    const ratio = at("Encrypt (audit on)") / Math.max(1, at("Encrypt (audit off)"))
    console.log(`Encrypt at ${connections} connections: audit on is ${(ratio * 100).toFixed(1)}% of audit off (target ≥ 80%)`)
  }
}
