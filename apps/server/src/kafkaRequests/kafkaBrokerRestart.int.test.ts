// A broker of this file's own, to restart without disturbing the other test files.
import { type KafkaBroker, startKafka } from "@trent/kafka-broker"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { removeDir, startServer } from "../e2e/serverFixture.test-support.ts"
import { freshPrefix, httpAnswer, openClient } from "./kafkaFixture.test-support.ts"

const region = "eu-west-1"
let broker: KafkaBroker

beforeAll(async () => {
  broker = await startKafka()
}, 180_000)
afterAll(async () => {
  await broker?.stop()
})

describe("Kafka requests across a broker restart", () => {
  it("lose no request and run none twice: every call gets its reply, every CreateKey makes exactly one key", async () => {
    const prefix = freshPrefix("restart")
    const server = await startServer({ regions: [region], kafkaRequests: true, kafkaBrokers: [broker.brokers], kafkaTopicPrefix: prefix })
    const kafka = await openClient({ brokers: [broker.brokers], region, credentials: server.credentials, replyTopic: `${prefix}.replies`, topicPrefix: prefix, timeoutMs: 150_000 })
    try {
      const call = (operation: string, body: Record<string, unknown>) => Effect.runPromise(kafka.client.call(operation, body))
      const { KeyMetadata } = await call("CreateKey", { Description: "shared" }) as { KeyMetadata: { KeyId: string } }
      const KeyId = KeyMetadata.KeyId
      const Plaintext = Buffer.from("through the outage").toString("base64")
      const rounds = 30
      const results: Array<Promise<unknown>> = []
      let restarted: Promise<void> | undefined
      let restarting = false
      let sentDuringRestart = 0
      for (let round = 0; round < rounds; round++) {
        if (restarting) sentDuringRestart++
        results.push(
          call("CreateKey", { Description: `round-${round}` }),
          call("TagResource", { KeyId, Tags: [{ TagKey: `round-${round}`, TagValue: "tagged" }] }),
          call("Encrypt", { KeyId, Plaintext })
        )
        if (round === 10) {
          restarting = true
          restarted = broker.restart().finally(() => (restarting = false))
        }
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      await restarted
      expect(sentDuringRestart).toBeGreaterThan(5)
      const answers = await Promise.all(results)
      expect(answers).toHaveLength(rounds * 3)

      const keys = (await httpAnswer(server.url, server.credentials, region, "ListKeys", {})).json["Keys"] as Array<{ KeyId: string }>
      const descriptions: Array<string> = []
      for (const key of keys) {
        descriptions.push(((await httpAnswer(server.url, server.credentials, region, "DescribeKey", { KeyId: key.KeyId })).json["KeyMetadata"] as { Description: string }).Description)
      }
      expect(descriptions.sort()).toEqual(["shared", ...Array.from({ length: rounds }, (_, round) => `round-${round}`)].sort())
      const tags = (await httpAnswer(server.url, server.credentials, region, "ListResourceTags", { KeyId })).json["Tags"] as Array<{ TagKey: string }>
      expect(tags.map((tag) => tag.TagKey).sort()).toEqual(Array.from({ length: rounds }, (_, round) => `round-${round}`).sort())
      for (const [i, answer] of answers.entries()) {
        if (i % 3 === 0) expect((answer as { KeyMetadata: { Description: string } }).KeyMetadata.Description).toBe(`round-${i / 3}`)
        if (i % 3 === 2) {
          const opened = await httpAnswer(server.url, server.credentials, region, "Decrypt", { CiphertextBlob: (answer as { CiphertextBlob: string }).CiphertextBlob })
          expect(opened.json["Plaintext"]).toBe(Plaintext)
        }
      }
    } finally {
      await kafka.close()
      await server.stop()
      removeDir(server.dataDir)
    }
  }, 240_000)
})
