import { randomBytes, randomUUID } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { startKafka } from "@trent/kafka-broker"
import { call, region, type SignedRequest, signed } from "./benchClient.ts"
import { startProcess, stopProcess } from "./startProcess.ts"

const samples = Number(process.env["BENCH_FRESHNESS_SAMPLES"] ?? 200)
const serverMain = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../apps/server/src/main.ts")
// Dev mode: both servers take any well-formed signature as the default account's admin.
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "dev" }

const status = async (url: string, request: SignedRequest) =>
  (await fetch(url, { method: "POST", headers: request.headers, body: request.body })).status

const quantile = (sorted: ReadonlyArray<number>, q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0

interface LagRow {
  readonly store: string
  readonly samples: number
  readonly p50: number
  readonly p99: number
  readonly max: number
  readonly internalP50: number
  readonly internalP99: number
}

/**
 * Server A disables and enables a key, alternately; after each acknowledged
 * change, server B (which has the key resident) is asked to Encrypt until it
 * enforces the change. The delay from A's answer to B's first enforcing
 * answer is one sample (it includes B's own request time, ~1 ms). B's /health
 * adds its own measure: from each change's decision to its enforcement.
 */
const measure = async (store: string, flags: (dir: string) => ReadonlyArray<string>, env: Record<string, string>, shared: boolean): Promise<LagRow> => {
  const dirs = shared ? [mkdtempSync(join(tmpdir(), "trent-bench-lag-"))] : [mkdtempSync(join(tmpdir(), "trent-bench-lag-a-")), mkdtempSync(join(tmpdir(), "trent-bench-lag-b-"))]
  const start = (dir: string) =>
    startProcess([serverMain, "--workers", "1", "--dev", "--port", "0", "--data-dir", dir, "--regions", region, "--log-level", "info", ...flags(dir)], env, /Trent listening on (http:\/\/[^"\s]+)/)
  const a = await start(dirs[0]!)
  const b = await start(dirs.at(-1)!)
  const urlA = a.match[1]!
  const urlB = b.match[1]!
  try {
    const keyId = ((await call(urlA, signed(urlA, credentials, "CreateKey", {})))["KeyMetadata"] as { KeyId: string }).KeyId
    const encryptOnB = signed(urlB, credentials, "Encrypt", { KeyId: keyId, Plaintext: "aGk=" })
    const disable = signed(urlA, credentials, "DisableKey", { KeyId: keyId })
    const enable = signed(urlA, credentials, "EnableKey", { KeyId: keyId })
    while ((await status(urlB, encryptOnB)) !== 200) await new Promise((r) => setTimeout(r, 5))
    const delays: Array<number> = []
    for (let i = 0; i < samples; i++) {
      const disabling = i % 2 === 0
      await call(urlA, disabling ? disable : enable)
      const acknowledged = performance.now()
      for (;;) {
        const enforced = disabling ? (await status(urlB, encryptOnB)) === 400 : (await status(urlB, encryptOnB)) === 200
        if (enforced) break
      }
      delays.push(performance.now() - acknowledged)
    }
    delays.sort((x, y) => x - y)
    const health = await (await fetch(`${urlB}/health`)).json() as { freshness: Array<{ lagMillis: { p50: number; p99: number } }> }
    const internal = health.freshness[0]?.lagMillis ?? { p50: 0, p99: 0 }
    const round = (ms: number) => Math.round(ms * 10) / 10
    return { store, samples, p50: round(quantile(delays, 0.5)), p99: round(quantile(delays, 0.99)), max: round(delays.at(-1) ?? 0), internalP50: internal.p50, internalP99: internal.p99 }
  } finally {
    await stopProcess(b.child)
    await stopProcess(a.child)
    dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }))
  }
}

/** `npm run bench -- freshness`: how long after one server acknowledges a change another enforces it, on SQLite and on Kafka. */
export const runFreshnessBench = async () => {
  const rows = [await measure("SQLite, one data directory", () => [], {}, true)]
  const external = process.env["KAFKA_BROKERS"]?.trim()
  const broker = external === undefined || external === "" ? await startKafka() : undefined
  try {
    const brokers = broker?.brokers ?? external!
    const prefix = `bench-${randomUUID().slice(0, 8)}`
    rows.push(await measure("Kafka, one broker", () => ["--store", "kafka", "--kafka-brokers", brokers, "--kafka-topic-prefix", prefix], { TRENT_ROOT_KEY: randomBytes(32).toString("base64") }, false))
  } finally {
    await broker?.stop()
  }
  console.log(`\nFreshness: a change acknowledged by server A, enforced by server B (${samples} DisableKey/EnableKey samples each; targets p99 ≤ 50 ms SQLite, ≤ 250 ms Kafka)\n`)
  console.log("| store | samples | ack → enforced p50 ms | p99 ms | max ms | B's own lag p50 ms | p99 ms |")
  console.log("|---|---:|---:|---:|---:|---:|---:|")
  for (const row of rows) {
    console.log(`| ${row.store} | ${row.samples} | ${row.p50} | ${row.p99} | ${row.max} | ${row.internalP50} | ${row.internalP99} |`)
  }
}
