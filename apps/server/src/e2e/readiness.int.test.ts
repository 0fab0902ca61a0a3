// A broker of this file's own, to freeze without disturbing the other test files.
import { type KafkaBroker, startKafka } from "@trent/kafka-broker"
import { randomUUID } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { removeDir, shareRootKey, startServer } from "./serverFixture.test-support.ts"

interface Health {
  readonly status: string
  readonly regions: ReadonlyArray<string>
  readonly ready: boolean
  readonly readiness: ReadonlyArray<{ readonly region: string; readonly ready: boolean; readonly reason?: string }>
}

const health = async (url: string, path = "/health") => {
  const response = await fetch(`${url}${path}`)
  return { status: response.status, body: (await response.json()) as Health }
}

let broker: KafkaBroker
shareRootKey(5)
beforeAll(async () => {
  broker = await startKafka()
}, 180_000)
afterAll(async () => {
  await broker?.stop()
})

describe("readiness on /health and /health/ready", () => {
  it("is ready on the embedded store, beside the liveness fields", async () => {
    const server = await startServer({ regions: ["eu-west-1"] })
    try {
      const { status, body } = await health(server.url, "/health/ready")
      expect(status).toBe(200)
      expect(body).toMatchObject({ status: "ok", regions: ["eu-west-1"], ready: true, readiness: [{ region: "eu-west-1", ready: true }] })
    } finally {
      await server.stop()
      removeDir(server.dataDir)
    }
  })

  it("is false with the reason while the Kafka broker does not answer, alive all along, and ready again once it does", async () => {
    const server = await startServer({
      regions: ["eu-west-1"],
      store: "kafka",
      kafkaBrokers: [broker.brokers],
      kafkaTopicPrefix: `ready-${randomUUID().slice(0, 8)}`,
      readyTimeoutMs: 1_000
    })
    try {
      expect((await health(server.url, "/health/ready")).status).toBe(200)
      // SIGSTOP: the broker holds its connections and answers nothing, as a hung or partitioned broker does.
      process.kill(broker.pid, "SIGSTOP")
      try {
        const stopped = await health(server.url, "/health/ready")
        expect(stopped.status).toBe(503)
        expect(stopped.body.ready).toBe(false)
        expect(stopped.body.readiness[0]).toMatchObject({ region: "eu-west-1", ready: false })
        expect(stopped.body.readiness[0]!.reason).toMatch(/store/)
        const live = await health(server.url)
        expect([live.status, live.body.status, live.body.ready]).toEqual([200, "ok", false])
      } finally {
        process.kill(broker.pid, "SIGCONT")
      }
      let again = await health(server.url, "/health/ready")
      for (let attempt = 0; again.status !== 200 && attempt < 60; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 500))
        again = await health(server.url, "/health/ready")
      }
      expect(again.status).toBe(200)
      expect(again.body.ready).toBe(true)
    } finally {
      await server.stop()
      removeDir(server.dataDir)
    }
  }, 120_000)
})
