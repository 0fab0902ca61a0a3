import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import autocannon from "autocannon"
import { signRequest } from "@trent/auth"
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
const region = "us-east-1"

interface Row {
  readonly scenario: string
  readonly connections: number
  readonly rps: number
  readonly p50: number
  readonly p99: number
  readonly errors: number
}

const credentialsOf = (dataDir: string) => {
  const text = readFileSync(join(dataDir, "credentials"), "utf8")
  const value = (name: string) => new RegExp(`^${name}\\s*=\\s*(\\S+)`, "m").exec(text)![1]!
  return { accessKeyId: value("aws_access_key_id"), secretAccessKey: value("aws_secret_access_key") }
}

const signed = (url: string, credentials: { accessKeyId: string; secretAccessKey: string }, operation: string, payload: unknown) => {
  const body = JSON.stringify(payload)
  const headers = { host: new URL(url).host, "content-type": "application/x-amz-json-1.1", "x-amz-target": `TrentService.${operation}` }
  return {
    body,
    headers: { ...headers, ...signRequest({ method: "POST", path: "/", headers, body: new TextEncoder().encode(body), ...credentials, region, service: "kms", now: Date.now() }) }
  }
}

const call = async (url: string, request: { body: string; headers: Record<string, string> }) => {
  const response = await fetch(url, { method: "POST", headers: request.headers, body: request.body })
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`)
  return response.json() as Promise<Record<string, unknown>>
}

const load = async (scenario: string, url: string, connections: number, request: { body: string; headers: Record<string, string> }): Promise<Row> => {
  const result = await autocannon({ url, method: "POST", connections, duration: seconds, headers: request.headers, body: request.body })
  return {
    scenario,
    connections,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts
  }
}

export const runHttpBench = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "trent-bench-"))
  const trent = await startProcess([serverMain, "--port", "0", "--data-dir", dataDir, "--regions", region, "--log-level", "info"], {}, /Trent listening on (http:\/\/[^"\s]+)/)
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
      rows.push(await load("bare node:http", bareUrl, connections, encrypt))
      for (const [name, request] of Object.entries(scenarios)) rows.push(await load(name, trentUrl, connections, request))
    }
  } finally {
    await stopProcess(trent.child)
    await stopProcess(bare.child)
    rmSync(dataDir, { recursive: true, force: true })
  }
  console.log(`\nTrent over HTTP, SigV4-signed, 256-byte plaintext, ${seconds}s per cell (autocannon, same machine)\n`)
  console.log("| scenario | connections | req/s | p50 ms | p99 ms | errors |")
  console.log("|---|---:|---:|---:|---:|---:|")
  for (const row of rows) console.log(`| ${row.scenario} | ${row.connections} | ${row.rps} | ${row.p50} | ${row.p99} | ${row.errors} |`)
  const at = (scenario: string, connections: number) => rows.find((r) => r.scenario === scenario && r.connections === connections)
  const top = Math.max(...connectionCounts)
  const ratio = (at("Encrypt", top)?.rps ?? 0) / (at("bare node:http", top)?.rps ?? 1)
  console.log(`\nEncrypt at ${top} connections: ${(ratio * 100).toFixed(1)}% of the bare ceiling; p99 ${at("Encrypt", top)?.p99} ms (targets: ≥ 50%, < 10 ms)`)
}

