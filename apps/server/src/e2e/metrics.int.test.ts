import { randomUUID } from "node:crypto"
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { CreateKeyCommand, DescribeKeyCommand, ListKeysCommand } from "@aws-sdk/client-kms"
import { afterAll, describe, expect, inject, it } from "vitest"
import { parseExposition, samplesOf } from "../metrics/exposition.test-support.ts"
import { credentialsConfig, credentialsOf } from "./crossServerChanges.test-support.ts"
import { rejects, removeDir, shareRootKey, startServer } from "./serverFixture.test-support.ts"
import { startServerProcess } from "./serverProcess.test-support.ts"

declare module "vitest" {
  export interface ProvidedContext {
    kafkaBrokers: string
  }
}

const dirs: Array<string> = []
const freshDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(dir)
  return dir
}
shareRootKey(5)
afterAll(() => {
  for (const dir of dirs) removeDir(dir)
})

/** GET /metrics, parsed strictly (it throws on any line a scraper would refuse). */
const scrape = async (url: string) => {
  const response = await fetch(`${url}/metrics`)
  expect(response.status).toBe(200)
  expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8")
  return parseExposition(await response.text())
}

const valueOf = (samples: ReturnType<typeof parseExposition>["samples"], name: string, labels: Record<string, string> = {}) =>
  samplesOf(samples, name, labels)[0]?.value

describe("GET /metrics", () => {
  it("serves requests, errors by code, latency, process and audit-queue metrics in valid exposition format", async () => {
    const server = await startServer({}, freshDir("trent-metrics-"))
    try {
      const kms = server.client()
      await kms.send(new ListKeysCommand({}))
      await kms.send(new ListKeysCommand({}))
      await kms.send(new CreateKeyCommand({}))
      expect((await rejects(kms.send(new DescribeKeyCommand({ KeyId: randomUUID() })))).name).toBe("NotFoundException")
      // Unsigned: refused before any Region sees it.
      await fetch(server.url, { method: "POST", headers: { "x-amz-target": "TrentService.ListKeys" }, body: "{}" })

      const { samples, types } = await scrape(server.url)
      expect(valueOf(samples, "trent_requests_total", { operation: "ListKeys", outcome: "Success" })).toBe(2)
      expect(valueOf(samples, "trent_requests_total", { operation: "CreateKey", outcome: "Success" })).toBe(1)
      expect(valueOf(samples, "trent_request_errors_total", { operation: "DescribeKey", code: "NotFoundException" })).toBe(1)
      expect(valueOf(samples, "trent_request_errors_total", { operation: "ListKeys", code: "MissingAuthenticationTokenException" })).toBe(1)
      expect(samplesOf(samples, "trent_request_errors_total", { code: "Success" })).toEqual([])
      expect(valueOf(samples, "trent_request_duration_seconds_count", { operation: "ListKeys" })).toBe(3)
      expect(valueOf(samples, "trent_request_duration_seconds_sum", { operation: "ListKeys" })).toBeGreaterThan(0)

      // The process's own, under the standard names.
      expect(valueOf(samples, "process_cpu_seconds_total")).toBeGreaterThan(0)
      expect(valueOf(samples, "process_resident_memory_bytes")).toBeGreaterThan(10_000_000)
      expect(valueOf(samples, "nodejs_heap_size_used_bytes")).toBeGreaterThan(0)
      expect(valueOf(samples, "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0)
      expect(types.get("nodejs_gc_duration_seconds")).toBe("histogram")

      // Each running Region's audit writer queue (idle: nothing waits once the requests were answered).
      for (const region of ["eu-west-1", "us-east-1"]) {
        expect(valueOf(samples, "trent_audit_queue_depth", { account: "111122223333", region })).toBe(0)
        expect(valueOf(samples, "trent_key_state_lag_seconds_count", { account: "111122223333", region })).toBe(0)
      }
      // SQLite has no replica behind a topic.
      expect(samplesOf(samples, "trent_kafka_replica_lag_records")).toEqual([])
    } finally {
      await server.stop()
    }
  })

  it("serves the replica's lag behind the events topic per Region on the Kafka store", async () => {
    const server = await startServer({
      store: "kafka",
      kafkaBrokers: inject("kafkaBrokers").split(","),
      kafkaTopicPrefix: `metrics-${randomUUID().slice(0, 8)}`,
      regions: ["eu-west-1"]
    }, freshDir("trent-metrics-kafka-"))
    try {
      await server.client().send(new CreateKeyCommand({}))
      const { samples, types } = await scrape(server.url)
      expect(types.get("trent_kafka_replica_lag_records")).toBe("gauge")
      // The write was acknowledged once this replica applied it; nobody else writes: nothing is left behind.
      expect(valueOf(samples, "trent_kafka_replica_lag_records", { account: "111122223333", region: "eu-west-1" })).toBe(0)
      expect(valueOf(samples, "trent_audit_queue_depth", { account: "111122223333", region: "eu-west-1" })).toBe(0)
    } finally {
      await server.stop()
    }
  })

  it("answers with every worker's metrics, aggregated, under serve --workers 2", async () => {
    const dir = freshDir("trent-metrics-workers-")
    const config = join(dir, "credentials.json")
    writeFileSync(config, credentialsConfig())
    chmodSync(config, 0o600)
    const server = await startServerProcess(["--workers", "2", "--data-dir", dir, "--regions", "eu-west-1", "--credentials-config", config])
    try {
      // A client per request: each is a new connection, and the primary hands connections to the workers in turn.
      for (let i = 0; i < 10; i++) await server.client(credentialsOf("admin")).send(new ListKeysCommand({}))
      for (let i = 0; i < 3; i++) {
        const { samples } = await scrape(server.url)
        expect(valueOf(samples, "trent_requests_total", { operation: "ListKeys", outcome: "Success" })).toBe(10)
        expect(valueOf(samples, "trent_audit_queue_depth", { region: "eu-west-1" })).toBe(0)
        expect(valueOf(samples, "process_resident_memory_bytes")).toBeGreaterThan(20_000_000)
      }
    } finally {
      await server.stop()
    }
  })
})
