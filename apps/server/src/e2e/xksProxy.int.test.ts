import { CreateAliasCommand, CreateKeyCommand, DisableKeyCommand, EncryptCommand, type KMSClient } from "@aws-sdk/client-kms"
import { openAuditFileReadOnly } from "@trent/audit"
import { Effect } from "effect"
import { execFile } from "node:child_process"
import { promisify } from "node:util"
import { createHash } from "node:crypto"
import { existsSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { removeDir, type RunningServer, startServer } from "./serverFixture.test-support.ts"
import { writeXksConfig, xksCall, xksCredential } from "./xksProxy.test-support.ts"

const PATH = "/keystores/orders/kms/xks/v1"
const first = xksCredential("first")
const second = xksCredential("second")
const alice = "arn:aws:iam::123456789012:user/Alice"
// Only Alice, and only through the KMS key named in kmsKeyArn's account, may use the keys.
const policy = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "kms-xks-proxy:*", Resource: "*", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::123456789012:user/Alice" } } }]
}

let server: RunningServer
let kms: KMSClient
let configDir: string
let configFile: string
let reservedKeyId: string
let ordersKeyId: string

const store = (overrides: Record<string, unknown> = {}) => ({
  uriPath: PATH,
  region: "eu-west-1",
  credentials: [first],
  keys: [{ externalKeyId: "orders-1", key: "alias/xks-orders" }, ...(reservedKeyId === undefined ? [] : [{ key: reservedKeyId, xksOnly: true }])],
  policy,
  ...overrides
})

const metadata = (kmsOperation: string, principal = alice) => ({
  awsPrincipalArn: principal,
  kmsKeyArn: "arn:aws:kms:us-east-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  kmsOperation,
  kmsRequestId: `req-${kmsOperation}-${Math.random().toString(36).slice(2)}`,
  kmsViaService: "ebs"
})

// The spec's Encrypt example: "Hello World!" under the AAD "project=nile,department=marketing", with a CDIV.
const encryptExample = (principal = alice) => ({
  requestMetadata: metadata("Encrypt", principal),
  additionalAuthenticatedData: "cHJvamVjdD1uaWxlLGRlcGFydG1lbnQ9bWFya2V0aW5n",
  plaintext: "SGVsbG8gV29ybGQh",
  encryptionAlgorithm: "AES_GCM",
  ciphertextDataIntegrityValueAlgorithm: "SHA_256"
})

/** Rewrites the key stores' file and waits until the server has surely looked at it again. */
const reconfigure = async (keyStores: ReadonlyArray<Record<string, unknown>>) => {
  writeXksConfig(configFile, keyStores)
  await new Promise((resolve) => setTimeout(resolve, 1200))
}

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), "trent-xks-"))
  configFile = join(configDir, "xks.json")
  writeXksConfig(configFile, [store()])
  server = await startServer({ xksConfig: configFile })
  kms = server.client()
  ordersKeyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!
  await kms.send(new CreateAliasCommand({ AliasName: "alias/xks-orders", TargetKeyId: ordersKeyId }))
  reservedKeyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!
  await reconfigure([store()])
})
afterAll(async () => {
  await server.stop()
  removeDir(server.dataDir)
  removeDir(configDir)
})

describe("Trent as an XKS proxy", () => {
  it("answers GetHealthStatus with the spec's members", async () => {
    const { status, json } = await xksCall(server.url, `${PATH}/health`, { requestMetadata: { kmsRequestId: "4112f4d6", kmsOperation: "KmsHealthCheck" } }, first)
    expect(status).toBe(200)
    expect(json).toMatchObject({ xksProxyFleetSize: 1, xksProxyVendor: "Trent", ekmVendor: "Trent" })
    expect(json["ekmFleetDetails"]).toEqual([{ id: "trent-eu-west-1", model: "Trent Region", healthStatus: "ACTIVE" }])
  })

  it("answers GetKeyMetadata for a key named by alias", async () => {
    const { status, json } = await xksCall(server.url, `${PATH}/keys/orders-1/metadata`, { requestMetadata: metadata("CreateKey") }, first)
    expect([status, json]).toEqual([200, { keySpec: "AES_256", keyUsage: ["ENCRYPT", "DECRYPT"], keyStatus: "ENABLED" }])
  })

  it("encrypts the spec's example with a CDIV that matches Appendix C, and decrypts it", async () => {
    const encrypted = await xksCall(server.url, `${PATH}/keys/orders-1/encrypt`, encryptExample(), first)
    expect(encrypted.status).toBe(200)
    const field = (name: string) => Buffer.from(encrypted.json[name] as string, "base64")
    expect(field("ciphertext").length).toBe(12)
    expect(field("initializationVector").length).toBe(12)
    expect(field("authenticationTag").length).toBe(16)
    const aad = Buffer.from(encryptExample().additionalAuthenticatedData, "base64")
    const cdiv = createHash("sha256").update(Buffer.concat([aad, field("ciphertextMetadata"), field("initializationVector"), field("ciphertext"), field("authenticationTag")])).digest("base64")
    expect(encrypted.json["ciphertextDataIntegrityValue"]).toBe(cdiv)
    const request = {
      requestMetadata: metadata("Decrypt"),
      additionalAuthenticatedData: encryptExample().additionalAuthenticatedData,
      encryptionAlgorithm: "AES_GCM",
      ciphertext: encrypted.json["ciphertext"],
      ciphertextMetadata: encrypted.json["ciphertextMetadata"],
      initializationVector: encrypted.json["initializationVector"],
      authenticationTag: encrypted.json["authenticationTag"]
    }
    expect(await xksCall(server.url, `${PATH}/keys/orders-1/decrypt`, request, first)).toEqual({ status: 200, json: { plaintext: "SGVsbG8gV29ybGQh" } })
    // Other AAD: the spec's error example.
    const otherAad = { ...request, additionalAuthenticatedData: Buffer.from("project=amazon").toString("base64") }
    const refused = await xksCall(server.url, `${PATH}/keys/orders-1/decrypt`, otherAad, first)
    expect([refused.status, refused.json["errorName"]]).toEqual([400, "InvalidCiphertextException"])
  })

  it.each([
    ["an unknown external key", `${PATH}/keys/absent/metadata`, 404, "KeyNotFoundException"],
    ["an unknown operation", `${PATH}/keys/orders-1/sign`, 404, "InvalidUriPathException"],
    ["a path under no key store", "/keystores/other/kms/xks/v1/health", 404, "InvalidUriPathException"]
  ])("answers %s with %i %s", async (_, path, status, errorName) => {
    const { status: got, json } = await xksCall(server.url, path, { requestMetadata: metadata("DescribeKey") }, first)
    expect([got, json["errorName"]]).toEqual([status, errorName])
  })

  it("refuses GET with 405 Method Not Allowed", async () => {
    expect((await xksCall(server.url, `${PATH}/health`, "", first, { method: "GET" })).status).toBe(405)
  })

  it("answers ValidationException (400) for a body that is not JSON or lacks a required member", async () => {
    const notJson = await xksCall(server.url, `${PATH}/keys/orders-1/encrypt`, "{", first)
    expect([notJson.status, notJson.json["errorName"]]).toEqual([400, "ValidationException"])
    const noAlgorithm = await xksCall(server.url, `${PATH}/keys/orders-1/encrypt`, { ...encryptExample(), encryptionAlgorithm: undefined }, first)
    expect([noAlgorithm.status, noAlgorithm.json["errorName"]]).toEqual([400, "ValidationException"])
  })

  it("answers AuthenticationFailedException (401) for a request signed for the kms service, or with another secret", async () => {
    const asKms = await xksCall(server.url, `${PATH}/health`, { requestMetadata: metadata("KmsHealthCheck") }, first, { service: "kms" })
    expect([asKms.status, asKms.json["errorName"]]).toEqual([401, "AuthenticationFailedException"])
    const forged = await xksCall(server.url, `${PATH}/health`, { requestMetadata: metadata("KmsHealthCheck") }, { ...first, secretAccessKey: second.secretAccessKey })
    expect([forged.status, forged.json["errorName"]]).toEqual([401, "AuthenticationFailedException"])
  })

  it("answers AccessDeniedException (403) when the policy does not allow the AWS principal, but never for GetHealthStatus", async () => {
    const bob = "arn:aws:iam::123456789012:user/Bob"
    const denied = await xksCall(server.url, `${PATH}/keys/orders-1/encrypt`, encryptExample(bob), first)
    expect([denied.status, denied.json["errorName"]]).toEqual([403, "AccessDeniedException"])
    expect((await xksCall(server.url, `${PATH}/health`, { requestMetadata: metadata("KmsHealthCheck", bob) }, first)).status).toBe(200)
  })

  it("reserves an xksOnly key for the proxy: the KMS API refuses to encrypt with it", async () => {
    const sealed = await xksCall(server.url, `${PATH}/keys/${reservedKeyId}/encrypt`, encryptExample(), first)
    expect(sealed.status).toBe(200)
    const refused = await kms.send(new EncryptCommand({ KeyId: reservedKeyId, Plaintext: new Uint8Array([1]) })).catch((error: Error) => error)
    expect((refused as Error).name).toBe("KMSInvalidStateException")
    await kms.send(new EncryptCommand({ KeyId: ordersKeyId, Plaintext: new Uint8Array([1]) }))
  })

  it("rotates credentials without a restart: both work while the file lists both, then only the new one", async () => {
    const health = (credential: typeof first) =>
      xksCall(server.url, `${PATH}/health`, { requestMetadata: metadata("KmsHealthCheck") }, credential).then((r) => r.status)
    expect(await health(second)).toBe(401)
    await reconfigure([store({ credentials: [first, second] })])
    expect([await health(first), await health(second)]).toEqual([200, 200])
    await reconfigure([store({ credentials: [second] })])
    expect([await health(first), await health(second)]).toEqual([401, 200])
    await reconfigure([store()])
  })

  it("answers InvalidStateException (400) for a key disabled in Trent, whose metadata says DISABLED", async () => {
    const keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!
    await reconfigure([store({ keys: [{ externalKeyId: "spare", key: keyId }] })])
    await kms.send(new DisableKeyCommand({ KeyId: keyId }))
    const refused = await xksCall(server.url, `${PATH}/keys/spare/encrypt`, encryptExample(), first)
    expect([refused.status, refused.json["errorName"]]).toEqual([400, "InvalidStateException"])
    expect((await xksCall(server.url, `${PATH}/keys/spare/metadata`, { requestMetadata: metadata("DescribeKey") }, first)).json["keyStatus"]).toBe("DISABLED")
    await reconfigure([store()])
  })

  it.skipIf(!existsSync("/usr/bin/curl"))("serves curl --aws-sigv4 as the spec's Appendix D calls it", async () => {
    const request = join(configDir, "xks_encrypt_request.json")
    writeFileSync(request, JSON.stringify({ requestMetadata: metadata("GenerateDataKey"), plaintext: "SGVsbG8gV29ybGQh", encryptionAlgorithm: "AES_GCM" }))
    // Asynchronously: the server answers from this very process.
    const curl = async (path: string, data: string) =>
      JSON.parse((await promisify(execFile)("curl", [
        "-s", "--aws-sigv4", "aws:amz:us-east-1:kms-xks-proxy", "--user", `${first.accessKeyId}:${first.secretAccessKey}`,
        "-X", "POST", "-H", "Content-Type:application/json", "--data", data, `${server.url}${path}`
      ], { encoding: "utf8" })).stdout) as Record<string, unknown>
    expect(Object.keys(await curl(`${PATH}/keys/orders-1/encrypt`, `@${request}`)).sort()).toEqual(["authenticationTag", "ciphertext", "ciphertextMetadata", "initializationVector"])
    expect((await curl(`${PATH}/health`, JSON.stringify({ requestMetadata: { kmsOperation: "KmsHealthCheck", kmsRequestId: "1124f4d6" } })))["xksProxyVendor"]).toBe("Trent")
  })

  it("records every call once in the Region's trail, with the AWS principal and KMS request id, and no plaintext", async () => {
    const body = encryptExample()
    await xksCall(server.url, `${PATH}/keys/orders-1/encrypt`, body, first)
    const records = await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      const file = yield* openAuditFileReadOnly(join(server.dataDir, "eu-west-1", "audit.db"))
      return yield* file.read()
    })))
    const mine = records.filter((entry) => JSON.stringify(entry.record.requestParameters ?? {}).includes(body.requestMetadata.kmsRequestId))
    expect(mine).toHaveLength(1)
    const record = mine[0]!.record
    expect(record.eventName).toBe("XksProxy.Encrypt")
    expect(record.userIdentity).toMatchObject({ type: "IAMUser", arn: alice, accountId: "123456789012", accessKeyId: first.accessKeyId })
    expect(record.resources).toEqual([{ accountId: "111122223333", type: "AWS::KMS::Key", ARN: `arn:aws:kms:eu-west-1:111122223333:key/${ordersKeyId}` }])
    const xks = records.filter((entry) => entry.record.eventName.startsWith("XksProxy."))
    expect(xks.some((entry) => entry.record.errorCode === "AuthenticationFailedException")).toBe(true)
    expect(xks.some((entry) => entry.record.errorCode === "AccessDeniedException")).toBe(true)
    const text = JSON.stringify(records)
    expect(text).not.toContain("SGVsbG8gV29ybGQh")
    expect(text).not.toContain(first.secretAccessKey)
  })
})
