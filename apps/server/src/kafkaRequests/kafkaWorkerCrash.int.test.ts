import { type ChildProcess, spawn } from "node:child_process"
import { randomUUID } from "node:crypto"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { type KafkaReply, requestResultsTopicName } from "@trent/kafka-client"
import { encodeRecordedRequest } from "@trent/kafka-requests"
import { afterAll, describe, expect, it } from "vitest"
import { readSharedCredentials, removeDir, type RunningServer, startServer } from "../e2e/serverFixture.test-support.ts"
import { type Credentials, freshPrefix, httpAnswer, openRawKafka, requestMessage, testBrokers } from "./kafkaFixture.test-support.ts"

const crashingServer = fileURLToPath(new URL("./crashingServer.test-support.ts", import.meta.url))
const region = "eu-west-1"
const dirs: Array<string> = []
afterAll(() => dirs.forEach(removeDir))

const flagsFor = (dataDir: string, prefix: string, store: "embedded" | "kafka", extra: ReadonlyArray<string> = [], regions = region) => [
  "--port", "0", "--data-dir", dataDir, "--regions", regions, "--log-level", "info", "--store", store,
  "--kafka-requests", "--kafka-brokers", testBrokers().join(","), "--kafka-topic-prefix", prefix, ...extra
]

// Servers sharing a Region's topics share its root key.
const env = { ...process.env, TRENT_ROOT_KEY: Buffer.alloc(32, 9).toString("base64") }

interface Child {
  readonly child: ChildProcess
  readonly lines: Array<string>
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  readonly url: string
}

/** Starts a server in a child process; resolves once its Kafka worker consumes. */
const startChild = (flags: ReadonlyArray<string>, crashAfter = "") =>
  new Promise<Child>((resolve, reject) => {
    const child = spawn(process.execPath, ["--disable-warning=TimeoutNegativeWarning", crashingServer, crashAfter, ...flags], { stdio: ["ignore", "pipe", "inherit"], env })
    const lines: Array<string> = []
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once("exit", (code, signal) => done({ code, signal })))
    const timer = setTimeout(() => reject(new Error("the server did not start consuming")), 90_000)
    createInterface({ input: child.stdout! }).on("line", (line) => {
      lines.push(line)
      if (line.includes("Kafka requests: consuming")) {
        clearTimeout(timer)
        resolve({ child, lines, exited, url: /Trent listening on (http:\/\/[^"\s]+)/.exec(lines.join("\n"))![1]! })
      }
    })
    child.once("exit", () => reject(new Error("the server exited before it consumed")))
  })

const stopChild = async (server: Child) => {
  server.child.kill("SIGTERM")
  return server.exited
}

const json = (reply: KafkaReply) => JSON.parse(reply.body) as Record<string, unknown>

const freshDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `trent-kafka-${name}-`))
  dirs.push(dir)
  return dir
}

/** Every key's description, over HTTP. */
const descriptions = async (url: string, credentials: Credentials) => {
  const keys = (await httpAnswer(url, credentials, region, "ListKeys", {})).json["Keys"] as Array<{ KeyId: string }>
  const found: Array<string> = []
  for (const { KeyId } of keys) found.push(((await httpAnswer(url, credentials, region, "DescribeKey", { KeyId })).json["KeyMetadata"] as { Description: string }).Description)
  return found.sort()
}

describe("a Kafka request worker that dies", () => {
  it("killed between replicating a multi-Region key and recording it, then restarted: one replica, and the reply names it", async () => {
    const dataDir = freshDir("replicate")
    const prefix = freshPrefix("replicate")
    const replyTo = `${prefix}.replies`
    const raw = await openRawKafka(replyTo)
    try {
      const flags = flagsFor(dataDir, prefix, "embedded", [], `${region},us-east-1`)
      const crashId = randomUUID()
      const first = await startChild(flags, crashId)
      const credentials = readSharedCredentials(dataDir)
      const send = async (operation: string, body: Record<string, unknown>, correlationId = randomUUID()) => {
        const m = requestMessage({ topicPrefix: prefix, region, credentials, replyTo, operation, body, correlationId })
        await raw.send(m.topic, { key: "one-partition", value: m.value, headers: m.headers })
        return m.correlationId
      }
      const createId = await send("CreateKey", { MultiRegion: true })
      const [keyReply] = await raw.awaitReplies((reply) => reply.correlationId === createId, 1)
      const { KeyId } = json(keyReply!)["KeyMetadata"] as { KeyId: string }
      await send("ReplicateKey", { KeyId, ReplicaRegion: "us-east-1", Description: "replica" }, crashId)
      expect((await first.exited).signal).toBe("SIGKILL")

      const second = await startChild(flags)
      try {
        const [reply] = await raw.awaitReplies((r) => r.correlationId === crashId, 1, 60_000)
        expect(reply!.status).toBe(200)
        const answered = json(reply!) as { ReplicaKeyMetadata: Record<string, unknown>; ReplicaPolicy: string; ReplicaTags?: Array<unknown> }
        const replica = (await httpAnswer(second.url, credentials, "us-east-1", "DescribeKey", { KeyId })).json["KeyMetadata"] as Record<string, unknown>
        // AWS's Creating replica has no CurrentKeyMaterialId yet, and a request without tags gets no ReplicaTags
        // (this asserted the replica's CurrentKeyMaterialId and `ReplicaTags: []` before).
        const { CurrentKeyMaterialId: material, ...described } = replica
        expect(material).toMatch(/^[0-9a-f]{64}$/)
        expect(answered.ReplicaKeyMetadata).toEqual({ ...described, KeyState: "Creating", Enabled: false })
        expect(replica["Description"]).toBe("replica")
        expect(answered).not.toHaveProperty("ReplicaTags")
        expect(second.lines.some((line) => line.includes(`request ${crashId} (ReplicateKey) ran before a restart; answered from the log`))).toBe(true)
        const primary = (await httpAnswer(second.url, credentials, region, "DescribeKey", { KeyId })).json["KeyMetadata"] as {
          MultiRegionConfiguration: { ReplicaKeys: Array<{ Region: string }> }
        }
        expect(primary.MultiRegionConfiguration.ReplicaKeys.map((r) => r.Region)).toEqual(["us-east-1"])
      } finally {
        expect(await stopChild(second)).toEqual({ code: 0, signal: null })
      }
    } finally {
      await raw.close()
    }
  })

  it("killed between running a CreateKey and recording it, then restarted: every request ran exactly once and got its reply", async () => {
    const dataDir = freshDir("crash")
    const prefix = freshPrefix("crash")
    const replyTo = `${prefix}.replies`
    const raw = await openRawKafka(replyTo)
    try {
      const flags = flagsFor(dataDir, prefix, "embedded")
      const crashId = randomUUID()
      const first = await startChild(flags, crashId)
      const credentials = readSharedCredentials(dataDir)
      const create = (description: string, correlationId = randomUUID()) =>
        requestMessage({ topicPrefix: prefix, region, credentials, replyTo, operation: "CreateKey", body: { Description: description }, correlationId })
      // One message key: the requests share a partition, where the crash stops everything behind it.
      const batch = [create("before"), create("crash", crashId), create("after"), create("last")]
      for (const m of batch) await raw.send(m.topic, { key: "one-partition", value: m.value, headers: m.headers })
      expect((await first.exited).signal).toBe("SIGKILL")

      const second = await startChild(flags)
      try {
        const replies = new Map<string, KafkaReply>()
        for (const m of batch) replies.set(m.correlationId, (await raw.awaitReplies((reply) => reply.correlationId === m.correlationId, 1, 60_000))[0]!)
        expect(await descriptions(second.url, credentials)).toEqual(["after", "before", "crash", "last"])
        for (const reply of replies.values()) expect(reply.status).toBe(200)
        const crashed = json(replies.get(crashId)!)["KeyMetadata"] as { KeyId: string; Description: string }
        expect(crashed.Description).toBe("crash")
        expect(crashed).toEqual((await httpAnswer(second.url, credentials, region, "DescribeKey", { KeyId: crashed.KeyId })).json["KeyMetadata"])
        expect(second.lines.some((line) => line.includes(`request ${crashId} (CreateKey) ran before a restart; answered from the log`))).toBe(true)
      } finally {
        expect(await stopChild(second)).toEqual({ code: 0, signal: null })
      }
    } finally {
      await raw.close()
    }
  })

  it("on the Kafka store, killed between rotating a key and recording it, and taken over by another server: one rotation, its reply", async () => {
    const prefix = freshPrefix("takeover")
    const replyTo = `${prefix}.replies`
    const raw = await openRawKafka(replyTo)
    try {
      const firstDir = freshDir("takeover-a")
      const crashId = randomUUID()
      const first = await startChild(flagsFor(firstDir, prefix, "kafka"), crashId)
      const credentials = readSharedCredentials(firstDir)
      const send = async (operation: string, body: Record<string, unknown>, correlationId = randomUUID()) => {
        const m = requestMessage({ topicPrefix: prefix, region, credentials, replyTo, operation, body, correlationId })
        await raw.send(m.topic, { key: "one-partition", value: m.value, headers: m.headers })
        return m.correlationId
      }
      const createId = await send("CreateKey", { Description: "rotated" })
      const [keyReply] = await raw.awaitReplies((reply) => reply.correlationId === createId, 1)
      const { KeyId, Arn } = json(keyReply!)["KeyMetadata"] as { KeyId: string; Arn: string }
      await send("RotateKeyOnDemand", { KeyId }, crashId)
      const afterId = await send("TagResource", { KeyId, Tags: [{ TagKey: "after", TagValue: "crash" }] })
      expect((await first.exited).signal).toBe("SIGKILL")

      // Another server, on a data directory of its own: its replica numbers the log's positions its own way.
      const second = await startChild(flagsFor(freshDir("takeover-b"), prefix, "kafka", ["--credentials-config", join(firstDir, "trent-credentials.json")]))
      try {
        const [rotated] = await raw.awaitReplies((reply) => reply.correlationId === crashId, 1, 60_000)
        expect([rotated!.status, json(rotated!)]).toEqual([200, { KeyId: Arn }])
        expect((await raw.awaitReplies((reply) => reply.correlationId === afterId, 1, 60_000))[0]!.status).toBe(200)
        const rotations = (await httpAnswer(second.url, credentials, region, "ListKeyRotations", { KeyId })).json["Rotations"] as Array<unknown>
        expect(rotations).toHaveLength(1)
        expect(second.lines.some((line) => line.includes(`request ${crashId} (RotateKeyOnDemand) ran before a restart; answered from the log`))).toBe(true)
      } finally {
        expect(await stopChild(second)).toEqual({ code: 0, signal: null })
      }
    } finally {
      await raw.close()
    }
  })
})

describe("a Kafka request worker told to stop", () => {
  it("on SIGTERM finishes the requests it took, commits, and exits 0: the next server has nothing to redo", async () => {
    const dataDir = freshDir("sigterm")
    const prefix = freshPrefix("sigterm")
    const replyTo = `${prefix}.replies`
    const raw = await openRawKafka(replyTo)
    try {
      const first = await startChild(flagsFor(dataDir, prefix, "embedded"))
      const credentials = readSharedCredentials(dataDir)
      const ids: Array<string> = []
      for (let i = 0; i < 40; i++) {
        const m = requestMessage({ topicPrefix: prefix, region, credentials, replyTo, operation: "CreateKey", body: { Description: `k${i}` } })
        ids.push(m.correlationId)
        await raw.send(m.topic, { key: m.correlationId, value: m.value, headers: m.headers })
      }
      await raw.awaitReplies((reply) => reply.correlationId === ids[0], 1)
      expect(await stopChild(first)).toEqual({ code: 0, signal: null })

      let second: RunningServer | undefined
      const previousRootKey = process.env["TRENT_ROOT_KEY"]
      try {
        process.env["TRENT_ROOT_KEY"] = env.TRENT_ROOT_KEY
        second = await startServer({ regions: [region], kafkaRequests: true, kafkaBrokers: testBrokers(), kafkaTopicPrefix: prefix }, dataDir)
        for (const id of ids) await raw.awaitReplies((reply) => reply.correlationId === id, 1, 60_000)
        expect(await descriptions(second.url, credentials)).toEqual(Array.from({ length: 40 }, (_, i) => `k${i}`).sort())
        // Whatever the first server answered, it committed: none of it comes to the second server again.
        const metrics = (await second.kafkaMetrics())!
        expect(metrics.answeredAgain + metrics.recovered).toBe(0)
      } finally {
        await second?.stop()
        if (previousRootKey === undefined) delete process.env["TRENT_ROOT_KEY"]
        else process.env["TRENT_ROOT_KEY"] = previousRootKey
      }
    } finally {
      await raw.close()
    }
  })
})

describe("a state change recorded as started but never run", () => {
  it("runs on redelivery, once: its events are not in the log after the recorded mark", async () => {
    const prefix = freshPrefix("started")
    const replyTo = `${prefix}.replies`
    const raw = await openRawKafka(replyTo)
    // A first start writes the credentials; the worker is not running yet.
    const setup = await startServer({ regions: [region] })
    dirs.push(setup.dataDir)
    const credentials: Credentials = setup.credentials
    await setup.stop()
    const m = requestMessage({ topicPrefix: prefix, region, credentials, replyTo, operation: "CreateKey", body: { Description: "started" } })
    // What a worker that died after recording the start, before running the request, leaves behind.
    const partition = 5
    await raw.createTopic(requestResultsTopicName(prefix, region), 12)
    const started = encodeRecordedRequest({ _tag: "Started", at: Date.now(), operation: "CreateKey", signature: /Signature=(\w+)/.exec(m.headers["authorization"]!)![1]!, marks: [{ account: "111122223333", region, position: 0, eventId: null }] })
    await raw.send(requestResultsTopicName(prefix, region), { key: m.correlationId, value: started, partition })
    let server: RunningServer | undefined
    try {
      server = await startServer({ regions: [region], kafkaRequests: true, kafkaBrokers: testBrokers(), kafkaTopicPrefix: prefix }, setup.dataDir)
      await raw.send(m.topic, { key: null, value: m.value, headers: m.headers, partition })
      await raw.send(m.topic, { key: null, value: m.value, headers: m.headers, partition })
      const replies = await raw.awaitReplies((reply) => reply.correlationId === m.correlationId, 2)
      expect(replies[0]).toEqual(replies[1])
      expect(replies[0]!.status).toBe(200)
      const keys = (await httpAnswer(server.url, credentials, region, "ListKeys", {})).json["Keys"] as Array<{ KeyId: string }>
      expect(keys.map((k) => k.KeyId)).toEqual([(json(replies[0]!)["KeyMetadata"] as { KeyId: string }).KeyId])
      expect((await server.kafkaMetrics())?.recovered).toBe(0)
    } finally {
      await server?.stop()
      await raw.close()
    }
  })
})
