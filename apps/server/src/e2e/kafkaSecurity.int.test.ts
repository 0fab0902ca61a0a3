// A broker of this file's own, listening SASL_SSL (TLS and SCRAM-SHA-512) beside its plaintext port.
import { type KafkaBroker, startKafka } from "@trent/kafka-broker"
import { type KafkaSecurity, makeKafkaKmsClient } from "@trent/kafka-client"
import { CreateKeyCommand, DecryptCommand, EncryptCommand } from "@aws-sdk/client-kms"
import { Effect, Redacted } from "effect"
import { execFileSync } from "node:child_process"
import { randomBytes, randomUUID } from "node:crypto"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { ServerSettings } from "../ServerConfig.ts"
import { removeDir, shareRootKey, startServer } from "./serverFixture.test-support.ts"
import { makeTestCertificates, type TestCertificates } from "./testCertificates.test-support.ts"

const password = randomBytes(18).toString("base64url")
let certificates: TestCertificates
let broker: KafkaBroker
shareRootKey(9)

beforeAll(async () => {
  certificates = makeTestCertificates()
  // The broker's certificate (for 127.0.0.1, issued by the test's CA) as the PKCS#12 keystore Java reads.
  const keystoreFile = join(certificates.dir, "broker.p12")
  const keystorePassword = randomBytes(12).toString("hex")
  execFileSync("openssl", [
    "pkcs12", "-export", "-in", certificates.serverCert, "-inkey", certificates.serverKey, "-certfile", certificates.caCert,
    "-name", "broker", "-out", keystoreFile, "-passout", `pass:${keystorePassword}`
  ], { stdio: ["ignore", "ignore", "pipe"] })
  broker = await startKafka({ secure: { keystoreFile, keystorePassword, scramUsers: [{ username: "trent", password }] } })
}, 180_000)
afterAll(async () => {
  await broker?.stop()
  if (certificates !== undefined) removeDir(certificates.dir)
})

const secured = (prefix: string, overrides: Partial<ServerSettings> = {}): Partial<ServerSettings> => ({
  regions: ["eu-west-1"],
  store: "kafka",
  kafkaBrokers: [broker.secureBrokers!],
  kafkaTopicPrefix: prefix,
  kafkaTls: true,
  kafkaTlsCa: certificates.caCert,
  kafkaSaslUsername: "trent",
  kafkaSaslPassword: Redacted.make(password),
  ...overrides
})

describe("the Kafka store and Kafka requests over TLS with SASL/SCRAM-SHA-512", () => {
  it("keep keys on a SASL_SSL listener: a second server reads them there, and Kafka requests are answered there", async () => {
    const prefix = `sec-${randomUUID().slice(0, 8)}`
    const first = await startServer(secured(prefix, { kafkaRequests: true }))
    let blob: Uint8Array
    try {
      const kms = first.client()
      const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!
      blob = (await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: new TextEncoder().encode("over tls") }))).CiphertextBlob!
      // A client of the Kafka request topics, on the same listener with the same credentials.
      const security: KafkaSecurity = { tls: { ca: certificates.pem(certificates.caCert).toString() }, sasl: { username: "trent", password: Redacted.make(password) } }
      const reply = await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
        const client = yield* makeKafkaKmsClient({
          brokers: [broker.secureBrokers!],
          region: "eu-west-1",
          credentials: first.credentials,
          replyTopic: `${prefix}.replies`,
          topicPrefix: prefix,
          security
        })
        return yield* client.call("Decrypt", { CiphertextBlob: Buffer.from(blob).toString("base64") })
      })))
      expect(Buffer.from(reply["Plaintext"] as string, "base64").toString()).toBe("over tls")
    } finally {
      await first.stop()
      removeDir(first.dataDir)
    }
    // A cold server (no replica) rebuilds the Region from the topics over the secured listener.
    const second = await startServer(secured(prefix))
    try {
      const opened = await second.client().send(new DecryptCommand({ CiphertextBlob: blob }))
      expect(new TextDecoder().decode(opened.Plaintext)).toBe("over tls")
    } finally {
      await second.stop()
      removeDir(second.dataDir)
    }
  }, 120_000)

  it("does not start with a wrong SCRAM password, or without the CA that issued the brokers' certificate", async () => {
    for (const overrides of [{ kafkaSaslPassword: Redacted.make(`${password}x`) }, { kafkaTlsCa: undefined }]) {
      const failure: unknown = await startServer(secured(`sec-${randomUUID().slice(0, 8)}`, overrides)).then(() => undefined, (error) => error)
      expect(failure).toBeDefined()
      // Neither the failure nor its cause prints the password.
      expect(`${String(failure)} ${JSON.stringify(failure)}`).not.toContain(password)
    }
  }, 120_000)
})
