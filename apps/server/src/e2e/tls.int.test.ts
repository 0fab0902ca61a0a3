import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient } from "@aws-sdk/client-kms"
import { mkdtempSync } from "node:fs"
import { Agent, request } from "node:https"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { rejects, removeDir, type RunningServer, startServer } from "./serverFixture.test-support.ts"
import { makeTestCertificates, type TestCertificates } from "./testCertificates.test-support.ts"
import { writeXksConfig, xksCall, xksCredential } from "./xksProxy.test-support.ts"

let certs: TestCertificates
beforeAll(() => {
  certs = makeTestCertificates()
})
afterAll(() => removeDir(certs.dir))

const sdkClient = (server: RunningServer, agent: Agent) => {
  const client = new KMSClient({
    endpoint: server.url,
    region: "eu-west-1",
    credentials: server.credentials,
    maxAttempts: 1,
    requestHandler: { httpsAgent: agent }
  })
  server.watch(client)
  return client
}

const roundTrip = async (client: KMSClient) => {
  const key = (await client.send(new CreateKeyCommand({}))).KeyMetadata!
  const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: new TextEncoder().encode("over TLS") }))
  const { Plaintext } = await client.send(new DecryptCommand({ CiphertextBlob }))
  return new TextDecoder().decode(Plaintext)
}

/** A plain-HTTP request to the TLS port: the handshake fails, and nothing is served. */
const plainHttpRefused = async (url: string) => {
  const http = url.replace(/^https:/, "http:")
  return fetch(http, { method: "POST", body: "{}" }).then(() => false, () => true)
}

describe("HTTPS (--tls-cert, --tls-key)", () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ tlsCert: certs.serverCert, tlsKey: certs.serverKey })
  })
  afterAll(async () => {
    await server.stop()
    removeDir(server.dataDir)
  })

  it("serves the SDK over TLS, trusting the test's CA", async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const client = sdkClient(server, new Agent({ ca: certs.pem(certs.caCert) }))
    expect(await roundTrip(client)).toBe("over TLS")
    client.destroy()
  })

  it("is refused by a client that does not trust the CA, and serves no plain HTTP", async () => {
    const client = sdkClient(server, new Agent({}))
    const error = await rejects(client.send(new CreateKeyCommand({})))
    expect(String(error.message)).toMatch(/certificate/i)
    client.destroy()
    expect(await plainHttpRefused(server.url)).toBe(true)
  })
})

describe("mutual TLS (--tls-client-ca)", () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ tlsCert: certs.serverCert, tlsKey: certs.serverKey, tlsClientCa: certs.caCert })
  })
  afterAll(async () => {
    await server.stop()
    removeDir(server.dataDir)
  })

  it("serves a client that presents a certificate the CA issued", async () => {
    const client = sdkClient(server, new Agent({ ca: certs.pem(certs.caCert), cert: certs.pem(certs.clientCert), key: certs.pem(certs.clientKey) }))
    expect(await roundTrip(client)).toBe("over TLS")
    client.destroy()
  })

  it("refuses a client without a certificate, or with one from another CA, before reading a request", async () => {
    for (const identity of [{}, { cert: certs.pem(certs.strangerCert), key: certs.pem(certs.strangerKey) }]) {
      const client = sdkClient(server, new Agent({ ca: certs.pem(certs.caCert), ...identity }))
      const error = await rejects(client.send(new CreateKeyCommand({})))
      expect(error.$metadata?.httpStatusCode).toBeUndefined()
      client.destroy()
    }
    // Nor does /health answer without the second factor.
    const status = await new Promise<number | string>((resolve) => {
      const req = request(`${server.url}/health`, { ca: certs.pem(certs.caCert) }, (res) => resolve(res.statusCode ?? 0))
      req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"))
      req.end()
    })
    expect(typeof status).toBe("string")
  })
})

describe("the XKS proxy over mutual TLS (--xks with --tls-client-ca)", () => {
  const path = "/keystores/mtls/kms/xks/v1"
  const credential = xksCredential("mtls")
  let server: RunningServer
  let configDir: string
  beforeAll(async () => {
    configDir = mkdtempSync(join(tmpdir(), "trent-xks-mtls-"))
    const configFile = join(configDir, "xks.json")
    writeXksConfig(configFile, [{ uriPath: path, region: "eu-west-1", credentials: [credential], keys: [{ externalKeyId: "mtls-1", key: "alias/mtls" }] }])
    server = await startServer({ tlsCert: certs.serverCert, tlsKey: certs.serverKey, tlsClientCa: certs.caCert, xksConfig: configFile })
  })
  afterAll(async () => {
    await server.stop()
    removeDir(server.dataDir)
    removeDir(configDir)
  })

  const health = { requestMetadata: { kmsRequestId: "req-health", kmsOperation: "KmsHealthCheck" } }

  it("answers AWS KMS's proxy fleet when it presents a certificate the CA issued", async () => {
    const agent = new Agent({ ca: certs.pem(certs.caCert), cert: certs.pem(certs.clientCert), key: certs.pem(certs.clientKey) })
    const answer = await xksCall(server.url, `${path}/health`, health, credential, { agent })
    expect(answer).toMatchObject({ status: 200, json: { xksProxyFleetSize: expect.any(Number) } })
    agent.destroy()
  })

  it("refuses a caller without a client certificate, or with one of another CA, even with valid SigV4 credentials", async () => {
    for (const identity of [{}, { cert: certs.pem(certs.strangerCert), key: certs.pem(certs.strangerKey) }]) {
      const agent = new Agent({ ca: certs.pem(certs.caCert), ...identity })
      await expect(xksCall(server.url, `${path}/health`, health, credential, { agent })).rejects.toThrow()
      agent.destroy()
    }
  })
})
