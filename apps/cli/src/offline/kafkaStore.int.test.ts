import { randomUUID } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { CreateKeyCommand, EncryptCommand, type KeyMetadata } from "@aws-sdk/client-kms"
// The broker is test infrastructure (a type:tool project, which tests may import): only this suite starts one.
import { type KafkaBroker, startKafka } from "@trent/kafka-broker"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli } from "../testing/runCli.test-support.ts"
import { startTrentServer, type TrentServer } from "../testing/trentServer.test-support.ts"

// A real broker: KAFKA_BROKERS, else one started here (as apps/server's kafkaGlobalSetup does; never skipped).
let broker: KafkaBroker | undefined
let brokers: string
let server: TrentServer
let key: KeyMetadata
let encryptRequestId: string
const region = "eu-west-1"
const topicPrefix = `cli-${randomUUID().slice(0, 8)}`
// The offline commands read the topics, not the server's files: an empty data directory is enough.
const emptyDir = mkdtempSync(join(tmpdir(), "trent-cli-kafka-"))
// Servers with data directories of their own share the topics, so they share a root key.
const previousRootKey = process.env["TRENT_ROOT_KEY"]

beforeAll(async () => {
  process.env["TRENT_ROOT_KEY"] = Buffer.alloc(32, 7).toString("base64")
  const external = process.env["KAFKA_BROKERS"]?.trim()
  if (external !== undefined && external !== "") brokers = external
  else {
    broker = await startKafka()
    brokers = broker.brokers
  }
  server = await startTrentServer(region, { args: ["--store", "kafka", "--kafka-brokers", brokers, "--kafka-topic-prefix", topicPrefix] })
  key = (await server.kms.send(new CreateKeyCommand({ Description: "on kafka" }))).KeyMetadata!
  const sealed = await server.kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: new TextEncoder().encode("hello") }))
  encryptRequestId = sealed.$metadata.requestId!
}, 240_000)
afterAll(async () => {
  await server?.stop()
  await broker?.stop()
  rmSync(emptyDir, { recursive: true, force: true })
  if (previousRootKey === undefined) delete process.env["TRENT_ROOT_KEY"]
  else process.env["TRENT_ROOT_KEY"] = previousRootKey
})

const onKafka = (prefix = topicPrefix, at = brokers) => ["--store", "kafka", "--kafka-brokers", at, "--kafka-topic-prefix", prefix, "--region", region]
const jsonLines = (text: string) => text.trimEnd().split("\n").map((line) => JSON.parse(line))

describe("the offline commands on the Kafka store", () => {
  it("keys history replays the key from the events topic", async () => {
    const run = await runCli(["keys", "history", key.KeyId!, "--json", "--data-dir", emptyDir, ...onKafka()])
    expect(run.stderr).toBe("")
    expect(run.code).toBe(0)
    const [state, ...events] = jsonLines(run.stdout)
    expect(state).toMatchObject({ keyId: key.KeyId, state: "Enabled", description: "on kafka" })
    expect(events.map((event) => event.type)).toEqual(["KeyCreated"])
  })

  it("log inspect prints the key's stream from the events topic", async () => {
    const run = await runCli(["log", "inspect", key.Arn!, "--data-dir", emptyDir, ...onKafka()])
    expect(run.stderr).toBe("")
    expect(run.code).toBe(0)
    expect(jsonLines(run.stdout).map((event) => [event.seq, event.type])).toEqual([[1, "KeyCreated"]])
  })

  it("audit query reads the trail from the audit topic, as the file case prints it", async () => {
    const run = await runCli(["audit", "query", "--key", key.KeyId!, "--data-dir", emptyDir, ...onKafka()])
    expect(run.stderr).toBe("")
    expect(run.code).toBe(0)
    const rows = run.stdout.trimEnd().split("\n")
    expect(rows.slice(1).map((row) => row.split(/\s+/)[1])).toEqual(["CreateKey", "Encrypt"])
    expect(rows.find((row) => row.includes(encryptRequestId))).toMatch(/Encrypt\s+arn:aws:iam::111122223333:user\/admin\s+ok/)
    // One server: the topic holds its one chain, the same as its own audit file.
    const fromFile = await runCli(["audit", "query", "--key", key.KeyId!, "--data-dir", server.dataDir, "--region", region])
    expect(run.stdout).toBe(fromFile.stdout)
  })

  it("audit verify checks the topic's chains, with the same output as the file case", async () => {
    const run = await runCli(["audit", "verify", "--data-dir", server.dataDir, ...onKafka()])
    expect(run.stderr).toBe("")
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^ok: Region eu-west-1, \d+ records and \d+ signed checkpoints verified/)
    // The file case also checks each chain against the server's witness file, which names files, not the topic's writers.
    expect(run.stdout).toMatch(/; no witness was read, so truncation is not checked/)
    const fromFile = await runCli(["audit", "verify", "--data-dir", server.dataDir, "--region", region])
    expect(fromFile.stderr).toBe("")
    expect(fromFile.stdout).toMatch(/; every chain reaches its witnessed checkpoint/)
    const counts = (text: string) => text.replace(/;.*$/s, "")
    expect(counts(run.stdout)).toBe(counts(fromFile.stdout))
  })

  it("says in one line that a topic is missing (wrong prefix), exit 1", async () => {
    for (const args of [["keys", "history", key.KeyId!], ["audit", "query"]]) {
      const run = await runCli([...args, "--data-dir", emptyDir, ...onKafka("nosuchprefix")])
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(/^trent: there is no topic nosuchprefix\.eu-west-1\.(events|audit) on \S+ \(check --kafka-topic-prefix and --region\)\n$/)
    }
  })

  it("says in one line that no broker answers, exit 1; and that --store kafka needs brokers, exit 2", async () => {
    const unreachable = await runCli(["log", "inspect", key.KeyId!, "--data-dir", emptyDir, ...onKafka(topicPrefix, "127.0.0.1:1")])
    expect(unreachable.code).toBe(1)
    expect(unreachable.stderr).toMatch(/^trent: [^\n]*\n$/)
    expect(unreachable.stderr).not.toMatch(/\n\s+at /)
    const none = await runCli(["audit", "query", "--data-dir", emptyDir, "--store", "kafka", "--region", region])
    expect(none.code).toBe(2)
    expect(none.stderr).toBe("trent: --store kafka needs --kafka-brokers host:port (or TRENT_KAFKA_BROKERS)\n")
  })

  it("takes the server's TLS and SASL settings, refused as the server refuses them", async () => {
    const saslAlone = await runCli(["audit", "query", "--data-dir", emptyDir, ...onKafka(), "--kafka-sasl-username", "trent"])
    expect(saslAlone.code).toBe(2)
    expect(saslAlone.stderr).toBe("trent: SASL to Kafka needs both --kafka-sasl-username and TRENT_KAFKA_SASL_PASSWORD\n")
    const noCa = await runCli(["keys", "history", key.KeyId!, "--data-dir", emptyDir, ...onKafka(), "--kafka-tls-ca", join(emptyDir, "none.pem")])
    expect(noCa.code).toBe(1)
    expect(noCa.stderr).toBe(`trent: cannot read the Kafka TLS CA ${join(emptyDir, "none.pem")}: ENOENT\n`)
  })

  // Last: it adds a second server's records to the topics the tests above compare with one server's files.
  it("audit reads every server's chain from the topic, where each server's files hold only its own", async () => {
    const other = await startTrentServer(region, { args: ["--store", "kafka", "--kafka-brokers", brokers, "--kafka-topic-prefix", topicPrefix] })
    try {
      const sealed = await other.kms.send(new EncryptCommand({ KeyId: key.Arn, Plaintext: new TextEncoder().encode("again") }))
      const encrypts = async (args: ReadonlyArray<string>) => {
        const run = await runCli(["audit", "query", "--key", key.KeyId!, "--event", "Encrypt", "--json", ...args])
        expect(run.code).toBe(0)
        return jsonLines(run.stdout).map((record) => record.requestID)
      }
      expect(await encrypts(["--data-dir", emptyDir, ...onKafka()])).toEqual([encryptRequestId, sealed.$metadata.requestId])
      expect(await encrypts(["--data-dir", server.dataDir, "--region", region])).toEqual([encryptRequestId])
      const verified = await runCli(["audit", "verify", "--data-dir", server.dataDir, ...onKafka()])
      expect(verified.code).toBe(0)
      // Every worker process of both servers began a chain with its signed genesis, and published it.
      const chains = Number(/^ok: Region eu-west-1, \d+ records and \d+ signed checkpoints verified in (\d+) writers' chains/.exec(verified.stdout)?.[1])
      expect(chains).toBeGreaterThanOrEqual(2)
    } finally {
      await other.stop()
    }
  })
})
