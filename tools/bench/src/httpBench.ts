import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { call, credentialsOf, load, printRows, region, type Row, signed } from "./benchClient.ts"
import { startProcess, stopProcess } from "./startProcess.ts"

/**
 * The HTTP benchmark: Encrypt, Decrypt and GenerateDataKey over HTTP with valid
 * SigV4 signatures at 1, 8 and 32 connections against a Trent server on the
 * embedded store, beside a bare node:http server returning a fixed body (this
 * machine's ceiling). Prints a table; asserts nothing.
 */
const seconds = Number(process.env["BENCH_SECONDS"] ?? 5)
const connectionCounts = (process.env["BENCH_CONNECTIONS"] ?? "1,8,32").split(",").map(Number)
const here = fileURLToPath(new URL(".", import.meta.url))
const serverMain = resolve(here, "../../../apps/server/src/main.ts")

export const runHttpBench = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "trent-bench-"))
  const trent = await startProcess([serverMain, "--workers", "1", "--port", "0", "--data-dir", dataDir, "--regions", region, "--log-level", "info"], {}, /Trent listening on (http:\/\/[^"\s]+)/)
  const bare = await startProcess([join(here, "bareServer.ts")], {}, /PORT=(\d+)/)
  const trentUrl = trent.match[1]!
  const bareUrl = `http://127.0.0.1:${bare.match[1]}`
  const rows: Array<Row> = []
  try {
    const credentials = credentialsOf(dataDir)
    const key = await call(trentUrl, signed(trentUrl, credentials, "CreateKey", {}))
    const keyId = (key["KeyMetadata"] as { KeyId: string }).KeyId
    const plaintext = Buffer.alloc(256, 7).toString("base64")
    const encrypt = signed(trentUrl, credentials, "Encrypt", { KeyId: keyId, Plaintext: plaintext })
    const blob = (await call(trentUrl, encrypt))["CiphertextBlob"]
    const scenarios = {
      Encrypt: encrypt,
      Decrypt: signed(trentUrl, credentials, "Decrypt", { CiphertextBlob: blob }),
      GenerateDataKey: signed(trentUrl, credentials, "GenerateDataKey", { KeyId: keyId, KeySpec: "AES_256" })
    }
    for (const connections of connectionCounts) {
      rows.push(await load("bare node:http", bareUrl, connections, encrypt, seconds))
      for (const [name, request] of Object.entries(scenarios)) rows.push(await load(name, trentUrl, connections, request, seconds))
    }
  } finally {
    await stopProcess(trent.child)
    await stopProcess(bare.child)
    rmSync(dataDir, { recursive: true, force: true })
  }
  console.log(`\nTrent over HTTP, SigV4-signed, 256-byte plaintext, ${seconds}s per cell (autocannon, same machine)\n`)
  printRows(rows)
  const at = (scenario: string, connections: number) => rows.find((r) => r.scenario === scenario && r.connections === connections)
  const top = Math.max(...connectionCounts)
  const ratio = (at("Encrypt", top)?.rps ?? 0) / (at("bare node:http", top)?.rps ?? 1)
  console.log(`\nEncrypt at ${top} connections: ${(ratio * 100).toFixed(1)}% of the bare ceiling; p99 ${at("Encrypt", top)?.p99} ms (targets: ≥ 50%, < 10 ms)`)
}

