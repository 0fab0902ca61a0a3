import { randomUUID } from "node:crypto"
import { CORRELATION_ID_HEADER, type KafkaReply } from "@trent/kafka-client"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { removeDir, type RunningServer, startServer } from "../e2e/serverFixture.test-support.ts"
import { freshPrefix, httpAnswer, openRawKafka, requestMessage, testBrokers } from "./kafkaFixture.test-support.ts"

const region = "eu-west-1"
const prefix = freshPrefix("delivery")
const replyTo = `${prefix}.replies`
const maxBodyBytes = 4096
let server: RunningServer
let raw: Awaited<ReturnType<typeof openRawKafka>>

beforeAll(async () => {
  server = await startServer({ regions: [region], kafkaRequests: true, kafkaBrokers: testBrokers(), kafkaTopicPrefix: prefix, maxBodyBytes })
  raw = await openRawKafka(replyTo)
})
afterAll(async () => {
  await raw?.close()
  await server?.stop()
  if (server !== undefined) removeDir(server.dataDir)
})

const message = (operation: string, body: Record<string, unknown>, overrides: { correlationId?: string; now?: number; credentials?: { accessKeyId: string; secretAccessKey: string }; region?: string } = {}) =>
  requestMessage({ topicPrefix: prefix, region: overrides.region ?? region, credentials: overrides.credentials ?? server.credentials, replyTo, operation, body, ...overrides })

/** Sends signed requests in order (one produce each) and waits for one reply to each. */
const sendAll = async (messages: ReadonlyArray<ReturnType<typeof message>>) => {
  for (const m of messages) await raw.send(`${prefix}.${region}.requests`, { key: m.key, value: m.value, headers: m.headers })
  const replies: Array<KafkaReply> = []
  for (const m of messages) replies.push((await raw.awaitReplies((reply) => reply.correlationId === m.correlationId, 1))[0]!)
  return replies
}

const json = (reply: KafkaReply) => JSON.parse(reply.body) as Record<string, unknown>

const listKeyIds = async () => ((await httpAnswer(server.url, server.credentials, region, "ListKeys", {})).json["Keys"] as Array<{ KeyId: string }>).map((k) => k.KeyId)

describe("delivery of Kafka requests", () => {
  it("runs a CreateKey delivered twice once, and answers both deliveries with the same reply", async () => {
    const before = await listKeyIds()
    const create = message("CreateKey", { Description: "once" })
    await raw.send(create.topic, create)
    await raw.send(create.topic, create)
    const replies = await raw.awaitReplies((reply) => reply.correlationId === create.correlationId, 2)
    expect(replies[0]).toEqual(replies[1])
    expect(replies[0]!.status).toBe(200)
    const after = await listKeyIds()
    expect(after.length).toBe(before.length + 1)
    expect(after).toContain((json(replies[0]!)["KeyMetadata"] as { KeyId: string }).KeyId)
    expect((await server.kafkaMetrics())?.answeredAgain).toBeGreaterThanOrEqual(1)
  })

  it("answers a state change's record only to the same signed request: another request under its correlation id is refused, not run", async () => {
    const before = await listKeyIds()
    const first = message("CreateKey", { Description: "mine" })
    const [answer] = await sendAll([first])
    const impostor = message("CreateKey", { Description: "theirs" }, { correlationId: first.correlationId })
    await raw.send(impostor.topic, impostor)
    const replies = await raw.awaitReplies((reply) => reply.correlationId === first.correlationId, 2)
    expect(replies[1]!.body).not.toBe(answer!.body)
    expect([replies[1]!.status, json(replies[1]!)]).toEqual([400, { __type: "ValidationException", message: `The correlation id ${first.correlationId} belongs to another request.` }])
    expect((await listKeyIds()).length).toBe(before.length + 1)
  })

  it("runs a repeated Encrypt again (it changes nothing): both replies decrypt to the plaintext", async () => {
    const [created] = await sendAll([message("CreateKey", {})])
    const KeyId = (json(created!)["KeyMetadata"] as { KeyId: string }).KeyId
    const encrypt = message("Encrypt", { KeyId, Plaintext: Buffer.from("twice").toString("base64") })
    await raw.send(encrypt.topic, encrypt)
    await raw.send(encrypt.topic, encrypt)
    const replies = await raw.awaitReplies((reply) => reply.correlationId === encrypt.correlationId, 2)
    for (const reply of replies) {
      const opened = await httpAnswer(server.url, server.credentials, region, "Decrypt", { CiphertextBlob: json(reply)["CiphertextBlob"] })
      expect(Buffer.from(opened.json["Plaintext"] as string, "base64").toString()).toBe("twice")
    }
  })

  it("runs the requests for one key in the order they were sent, reads between state changes included", async () => {
    const [created] = await sendAll([message("CreateKey", {})])
    const KeyId = (json(created!)["KeyMetadata"] as { KeyId: string }).KeyId
    const Plaintext = Buffer.from("ordered").toString("base64")
    const replies = await sendAll([
      message("Encrypt", { KeyId, Plaintext }),
      message("DisableKey", { KeyId }),
      message("Encrypt", { KeyId, Plaintext }),
      message("Encrypt", { KeyId, Plaintext }),
      message("EnableKey", { KeyId }),
      message("Encrypt", { KeyId, Plaintext }),
      message("UpdateKeyDescription", { KeyId, Description: "first" }),
      message("DescribeKey", { KeyId }),
      message("UpdateKeyDescription", { KeyId, Description: "second" }),
      message("DescribeKey", { KeyId })
    ])
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 400, 400, 200, 200, 200, 200, 200, 200])
    expect(json(replies[2]!)["__type"]).toBe("DisabledException")
    expect((json(replies[7]!)["KeyMetadata"] as { Description: string }).Description).toBe("first")
    expect((json(replies[9]!)["KeyMetadata"] as { Description: string }).Description).toBe("second")
  })

  it("answers every request of a burst far larger than a partition's pipeline (the partition pauses, nothing is dropped)", async () => {
    const [created] = await sendAll([message("CreateKey", {})])
    const KeyId = (json(created!)["KeyMetadata"] as { KeyId: string }).KeyId
    const burst = Array.from({ length: 1500 }, (_, i) => message("Encrypt", { KeyId, Plaintext: Buffer.from(`burst ${i}`).toString("base64") }))
    await raw.sendMany(burst[0]!.topic, burst)
    const ids = new Set(burst.map((m) => m.correlationId))
    const replies = await raw.awaitReplies((reply) => ids.has(reply.correlationId!), burst.length, 60_000)
    expect(new Set(replies.map((reply) => reply.correlationId)).size).toBe(burst.length)
    expect(replies.every((reply) => reply.status === 200)).toBe(true)
  })

  it("answers bad messages with the error HTTP would give, drops (and counts) those with no reply topic, and keeps going", async () => {
    const topic = `${prefix}.${region}.requests`
    const droppedBefore = (await server.kafkaMetrics())?.dropped["no-reply-topic"] ?? 0
    await raw.send(topic, { key: null, value: Buffer.from([0xff, 0x00, 0x13]) })
    await raw.send(topic, { key: null, value: "{}", headers: { [CORRELATION_ID_HEADER]: "no-reply-topic" } })

    const garbageId = randomUUID()
    await raw.send(topic, { key: null, value: Buffer.from([0xff, 0xfe, 0x00]), headers: { [CORRELATION_ID_HEADER]: garbageId, "trent-reply-to": replyTo } })
    const noId = `${prefix}-no-id`
    await raw.send(topic, { key: noId, value: "{}", headers: { "trent-reply-to": replyTo, "x-test": noId } })
    const wrongSecret = message("ListKeys", {}, { credentials: { accessKeyId: server.credentials.accessKeyId, secretAccessKey: "not-the-secret" } })
    const unknownOperation = message("ExplodeKey", {})
    const oversized = message("Encrypt", { KeyId: "alias/any", Plaintext: "A".repeat(maxBodyBytes) })
    const expired = message("ListKeys", {}, { now: Date.now() - 20 * 60 * 1000 })
    const otherRegion = message("ListKeys", {}, { region: "us-east-1" })
    const good = message("ListKeys", {})
    for (const m of [wrongSecret, unknownOperation, oversized, expired, otherRegion, good]) await raw.send(topic, m)

    const replyTo_ = async (id: string) => (await raw.awaitReplies((reply) => reply.correlationId === id, 1))[0]!
    const garbage = await replyTo_(garbageId)
    expect([garbage.status, json(garbage)["__type"]]).toEqual([400, "MissingAuthenticationTokenException"])
    const signature = await replyTo_(wrongSecret.correlationId)
    expect([signature.status, json(signature)["__type"]]).toEqual([400, "InvalidSignatureException"])
    expect(json(signature)["message"]).toMatch(/does not match the signature you provided/)
    const unknown = await replyTo_(unknownOperation.correlationId)
    expect([unknown.status, json(unknown)["__type"]]).toEqual([400, "UnknownOperationException"])
    const tooBig = await replyTo_(oversized.correlationId)
    expect([tooBig.status, json(tooBig)]).toEqual([413, { __type: "SerializationException", message: `The request body exceeds ${maxBodyBytes} bytes.` }])
    const stale = await replyTo_(expired.correlationId)
    expect([stale.status, json(stale)["__type"]]).toEqual([400, "InvalidSignatureException"])
    expect(json(stale)["message"]).toMatch(/^Signature expired: /)
    const elsewhere = await replyTo_(otherRegion.correlationId)
    expect([elsewhere.status, json(elsewhere)["__type"]]).toEqual([400, "InvalidSignatureException"])
    expect(json(elsewhere)["message"]).toMatch(/Credential should be scoped to a valid region, not 'us-east-1'/)
    const fine = await replyTo_(good.correlationId)
    expect(fine.status).toBe(200)
    const anonymous = await raw.awaitReplies((reply) => reply.correlationId === undefined, 1)
    expect(JSON.parse(anonymous[0]!.body)["__type"]).toBe("SerializationException")
    expect((await server.kafkaMetrics())?.dropped["no-reply-topic"]).toBe(droppedBefore + 2)
    const served = await (await fetch(`${server.url}/metrics`)).text()
    expect(served).toContain(`trent_kafka_requests_dropped_total{reason="no-reply-topic"} ${droppedBefore + 2}`)
    expect(served).toContain("# TYPE trent_requests_total counter")
  })
})
