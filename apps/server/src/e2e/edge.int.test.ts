import { CreateKeyCommand, KMSClient, ListKeysCommand } from "@aws-sdk/client-kms"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { removeDir, type RunningServer, startServer } from "./serverFixture.test-support.ts"

describe("the HTTP edge", () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    await server.stop()
    removeDir(server.dataDir)
  })

  it("answers health, and counts requests by operation and outcome in Prometheus metrics", async () => {
    const health = await fetch(`${server.url}/health`)
    expect(health.status).toBe(200)
    // One server alone on its store: nothing from other writers, no lag.
    const idle = { appliedFromOtherWriters: 0, lagMillis: { window: 0, p50: 0, p99: 0, max: 0 } }
    expect(await health.json()).toEqual({
      status: "ok",
      regions: ["eu-west-1", "us-east-1"],
      freshness: [
        { account: "111122223333", region: "eu-west-1", ...idle },
        { account: "111122223333", region: "us-east-1", ...idle }
      ],
      ready: true,
      readiness: [
        { account: "111122223333", region: "eu-west-1", ready: true },
        { account: "111122223333", region: "us-east-1", ready: true }
      ]
    })
    await server.client().send(new ListKeysCommand({}))
    await fetch(server.url, { method: "POST", headers: { "x-amz-target": "TrentService.ListKeys" }, body: "{}" })
    const metrics = await (await fetch(`${server.url}/metrics`)).text()
    expect(metrics).toMatch(/trent_requests_total\{operation="ListKeys",outcome="Success"\} 1/)
    expect(metrics).toMatch(/trent_requests_total\{operation="ListKeys",outcome="MissingAuthenticationTokenException"\} 1/)
    expect(metrics).toMatch(/trent_request_duration_seconds_count\{operation="ListKeys"\} 2/)
  })

  it("puts x-amzn-RequestId on every response and answers other paths with 404", async () => {
    for (const response of [await fetch(`${server.url}/nope`), await fetch(`${server.url}/_trent/reset`, { method: "POST" })]) {
      expect(response.status).toBe(404)
      expect(response.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/)
    }
  })
})

describe("dev mode", () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ devMode: true })
  })
  afterAll(async () => {
    await server.stop()
    removeDir(server.dataDir)
  })

  it("accepts any well-formed signature as the default account's admin, and unsigned requests too", async () => {
    const key = (await server.client().send(new CreateKeyCommand({}))).KeyMetadata!
    expect(key.AWSAccountId).toBe("111122223333")
    const unsigned = await fetch(server.url, { method: "POST", headers: { "x-amz-target": "TrentService.ListKeys" }, body: "{}" })
    expect(unsigned.status).toBe(200)
    expect(((await unsigned.json()) as { Keys: Array<{ KeyId: string }> }).Keys.map((k) => k.KeyId)).toContain(key.KeyId)
  })

  it("selects the account named by a 12-digit access key id, isolating accounts", async () => {
    const other = new KMSClient({ endpoint: server.url, region: "eu-west-1", credentials: { accessKeyId: "444455556666", secretAccessKey: "x" } })
    const key = (await other.send(new CreateKeyCommand({}))).KeyMetadata!
    expect(key.Arn).toMatch(/^arn:aws:kms:eu-west-1:444455556666:key\//)
    const defaultKeys = (await server.client().send(new ListKeysCommand({}))).Keys!.map((k) => k.KeyId)
    expect(defaultKeys).not.toContain(key.KeyId)
    other.destroy()
  })

  it("wipes every Region on POST /_trent/reset", async () => {
    await server.client().send(new CreateKeyCommand({}))
    const reset = await fetch(`${server.url}/_trent/reset`, { method: "POST" })
    expect(reset.status).toBe(200)
    expect(await reset.text()).toBe("{}")
    expect((await server.client().send(new ListKeysCommand({}))).Keys).toEqual([])
  })
})
