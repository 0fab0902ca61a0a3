import { KMSClient, ListKeysCommand } from "@aws-sdk/client-kms"
import { randomBytes, randomUUID } from "node:crypto"
import { Agent } from "node:http"
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, inject, it } from "vitest"
import { changesEnforcedAcross, type Clients, credentialsConfig, credentialsOf, type Name } from "./crossServerChanges.test-support.ts"
import { removeDir } from "./serverFixture.test-support.ts"
import { type ServerProcess, startServerProcess } from "./serverProcess.test-support.ts"

/**
 * Issue #14's freshness contract, through the real SDK against server
 * processes that share one store: every change made on A is enforced on B —
 * which had the key resident — within the bound. The bounds asserted here are
 * generous (a loaded CI machine); `npm run bench -- freshness` reports the real
 * figures against the README's 50 ms (SQLite) and 250 ms (Kafka) p99.
 */
const credentialsFile = (dir: string) => {
  const file = join(dir, "credentials.json")
  writeFileSync(file, credentialsConfig())
  chmodSync(file, 0o600)
  return file
}

const clientsOf = (server: ServerProcess) => {
  const made = new Map<Name, ReturnType<ServerProcess["client"]>>()
  return (name: Name) => made.get(name) ?? made.set(name, server.client(credentialsOf(name))).get(name)!
}

const report = (store: string, delays: Record<string, number>) =>
  console.log(`[freshness] ${store}: ${Object.entries(delays).map(([operation, ms]) => `${operation} ${ms.toFixed(1)} ms`).join(", ")}`)

describe("several servers on one store", () => {
  it("two servers on one SQLite data directory enforce each other's changes within the bound", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trent-shared-"))
    const flags = ["--workers", "1", "--data-dir", dir, "--regions", "eu-west-1", "--credentials-config", credentialsFile(dir)]
    const a = await startServerProcess(flags)
    const b = await startServerProcess(flags)
    try {
      report("SQLite", await changesEnforcedAcross(clientsOf(a), clientsOf(b), 2_000))
      // B measured what it enforced of A's changes: /health and /metrics say how far behind it was.
      const health = await (await fetch(`${b.url}/health`)).json() as { freshness: Array<{ region: string; appliedFromOtherWriters: number; lagMillis: { p99: number } }> }
      const west = health.freshness.find((entry) => entry.region === "eu-west-1")!
      expect(west.appliedFromOtherWriters).toBeGreaterThan(10)
      expect(west.lagMillis.p99).toBeLessThan(2_000)
      expect(await (await fetch(`${b.url}/metrics`)).text()).toMatch(/trent_key_state_lag_seconds\{account="111122223333",region="eu-west-1",quantile="0.99"\} \d/)
    } finally {
      expect(await b.stop()).toBe(0)
      expect(await a.stop()).toBe(0)
      removeDir(dir)
    }
  })

  it("two servers on one Kafka broker enforce each other's changes within the bound", async () => {
    const dirs = [mkdtempSync(join(tmpdir(), "trent-kafka-a-")), mkdtempSync(join(tmpdir(), "trent-kafka-b-"))]
    const shared = ["--store", "kafka", "--kafka-brokers", inject("kafkaBrokers"), "--kafka-topic-prefix", `fresh-${randomUUID().slice(0, 8)}`]
    const env = { TRENT_ROOT_KEY: randomBytes(32).toString("base64") }
    const start = (dir: string) =>
      startServerProcess(["--workers", "1", "--data-dir", dir, "--regions", "eu-west-1", "--credentials-config", credentialsFile(dir), ...shared], env)
    const a = await start(dirs[0]!)
    const b = await start(dirs[1]!)
    try {
      report("Kafka", await changesEnforcedAcross(clientsOf(a), clientsOf(b), 5_000))
    } finally {
      expect(await b.stop()).toBe(0)
      expect(await a.stop()).toBe(0)
      dirs.forEach(removeDir)
    }
  })
})

/**
 * The workers of one `trent serve` are one endpoint: a client's requests on
 * separate connections reach different workers (the primary hands connections
 * out round-robin), and each must read the writes acknowledged before it —
 * bound 0 ms, no retry. Without SiblingWrites the second worker answers from
 * its follower's last poll and this fails at the first change.
 */
describe("the workers of one server", () => {
  // Each side on one kept-alive connection: the primary hands the first to one worker and the second to the
  // other, so every check after a change runs on the other worker than the change did.
  const onOneConnection = async (server: ServerProcess): Promise<Clients> => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const made = new Map<Name, KMSClient>()
    const client = (name: Name) =>
      new KMSClient({ endpoint: server.url, region: "eu-west-1", credentials: credentialsOf(name), maxAttempts: 1, requestHandler: { httpAgent: agent } })
    const clients = (name: Name) => made.get(name) ?? made.set(name, client(name)).get(name)!
    await clients("admin").send(new ListKeysCommand({}))
    return clients
  }
  const workersFlags = (dir: string) => ["--workers", "2", "--data-dir", dir, "--regions", "eu-west-1", "--credentials-config", credentialsFile(dir)]

  it("read every write acknowledged before the request, on a shared SQLite directory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trent-workers-ryw-"))
    const server = await startServerProcess(workersFlags(dir))
    try {
      report("workers, SQLite", await changesEnforcedAcross(await onOneConnection(server), await onOneConnection(server), 0))
    } finally {
      expect(await server.stop()).toBe(0)
      removeDir(dir)
    }
  })

  it("read every write acknowledged before the request, on Kafka (each worker with its own replica)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trent-workers-ryw-kafka-"))
    const kafka = ["--store", "kafka", "--kafka-brokers", inject("kafkaBrokers"), "--kafka-topic-prefix", `ryw-${randomUUID().slice(0, 8)}`]
    const server = await startServerProcess([...workersFlags(dir), ...kafka], { TRENT_ROOT_KEY: randomBytes(32).toString("base64") })
    try {
      report("workers, Kafka", await changesEnforcedAcross(await onOneConnection(server), await onOneConnection(server), 0))
    } finally {
      expect(await server.stop()).toBe(0)
      removeDir(dir)
    }
  })
})
