import {
  ConnectCustomKeyStoreCommand,
  CreateAliasCommand,
  CreateCustomKeyStoreCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisconnectCustomKeyStoreCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  type KMSClient,
  ReEncryptCommand,
  ScheduleKeyDeletionCommand,
  UpdateCustomKeyStoreCommand
} from "@aws-sdk/client-kms"
import { mkdtempSync, readdirSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { rejects, removeDir, type RunningServer, startServer } from "./serverFixture.test-support.ts"
import { writeXksConfig, xksCredential } from "./xksProxy.test-support.ts"

/**
 * Trent against Trent: server A's external key store points at server B's
 * XKS proxy surface (`--xks`), and A's keys in that store are double
 * encrypted — A's own material, then B's key through the proxy.
 */
const PATH = "/keystores/orders/kms/xks/v1"
const credential = xksCredential("cks")

let proxy: RunningServer
let proxyKms: KMSClient
let proxyKeyId: string
let configDir: string
let server: RunningServer
let kms: KMSClient
let storeId: string
let keyId: string

const utf8 = (text: string) => new TextEncoder().encode(text)
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes)

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), "trent-cks-"))
  const configFile = join(configDir, "xks.json")
  writeXksConfig(configFile, [{
    uriPath: PATH,
    region: "eu-west-1",
    credentials: [credential],
    keys: [{ externalKeyId: "orders-1", key: "alias/xks-orders" }, { externalKeyId: "spare-1", key: "alias/xks-spare" }]
  }])
  proxy = await startServer({ xksConfig: configFile })
  proxyKms = proxy.client()
  proxyKeyId = (await proxyKms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!
  await proxyKms.send(new CreateAliasCommand({ AliasName: "alias/xks-orders", TargetKeyId: proxyKeyId }))
  server = await startServer()
  kms = server.client()
}, 60_000)

afterAll(async () => {
  await server?.stop()
  await proxy?.stop()
  removeDir(server.dataDir)
  removeDir(proxy.dataDir)
  removeDir(configDir)
})

/** Neither the log, the keyvault nor the audit files (WAL included) hold any of these secrets in clear. */
const noSecretOnDisk = (secrets: ReadonlyArray<string>) => {
  const dir = join(server.dataDir, "eu-west-1")
  for (const file of readdirSync(dir)) {
    const bytes = readFileSync(join(dir, file))
    for (const secret of secrets) expect(bytes.includes(Buffer.from(secret)), file).toBe(false)
  }
}

const describeStore = async () => (await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: storeId }))).CustomKeyStores![0]!

describe("external key stores (Trent against Trent)", () => {
  it("creates a store DISCONNECTED, and never shows its secret", async () => {
    const created = await kms.send(new CreateCustomKeyStoreCommand({
      CustomKeyStoreName: "orders",
      CustomKeyStoreType: "EXTERNAL_KEY_STORE",
      XksProxyUriEndpoint: proxy.url,
      XksProxyUriPath: PATH,
      XksProxyAuthenticationCredential: { AccessKeyId: credential.accessKeyId, RawSecretAccessKey: credential.secretAccessKey },
      XksProxyConnectivity: "PUBLIC_ENDPOINT"
    }))
    storeId = created.CustomKeyStoreId!
    expect(storeId).toMatch(/^cks-[0-9a-f]{17}$/)
    const store = await describeStore()
    expect(store).toMatchObject({
      CustomKeyStoreId: storeId,
      CustomKeyStoreName: "orders",
      CustomKeyStoreType: "EXTERNAL_KEY_STORE",
      ConnectionState: "DISCONNECTED",
      XksProxyConfiguration: { Connectivity: "PUBLIC_ENDPOINT", AccessKeyId: credential.accessKeyId, UriEndpoint: proxy.url, UriPath: PATH }
    })
    expect(JSON.stringify(store)).not.toContain(credential.secretAccessKey)
  })

  it("keeps the proxy secret out of the log, the keyvault and the audit trail in clear", () => noSecretOnDisk([credential.secretAccessKey]))

  it("refuses a second store with the same name", async () => {
    const error = await rejects(kms.send(new CreateCustomKeyStoreCommand({
      CustomKeyStoreName: "orders",
      CustomKeyStoreType: "EXTERNAL_KEY_STORE",
      XksProxyUriEndpoint: proxy.url,
      XksProxyUriPath: "/other/kms/xks/v1",
      XksProxyAuthenticationCredential: { AccessKeyId: credential.accessKeyId, RawSecretAccessKey: credential.secretAccessKey },
      XksProxyConnectivity: "PUBLIC_ENDPOINT"
    })))
    expect(error.name).toBe("CustomKeyStoreNameInUseException")
  })

  it("refuses CreateKey in a store that is not connected", async () => {
    const error = await rejects(kms.send(new CreateKeyCommand({ Origin: "EXTERNAL_KEY_STORE", CustomKeyStoreId: storeId, XksKeyId: "orders-1" })))
    expect(error.name).toBe("CustomKeyStoreInvalidStateException")
  })

  it("connects once the proxy answers its health check", async () => {
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }))
    expect((await describeStore()).ConnectionState).toBe("CONNECTED")
  })

  it("refuses an external key the proxy does not have, or one that is not enabled", async () => {
    const missing = await rejects(kms.send(new CreateKeyCommand({ Origin: "EXTERNAL_KEY_STORE", CustomKeyStoreId: storeId, XksKeyId: "nope-1" })))
    expect(missing.name).toBe("XksKeyNotFoundException")
  })

  it("creates a key in the store and round-trips Encrypt, Decrypt, GenerateDataKey and ReEncrypt", async () => {
    const metadata = (await kms.send(new CreateKeyCommand({ Origin: "EXTERNAL_KEY_STORE", CustomKeyStoreId: storeId, XksKeyId: "orders-1" })))
      .KeyMetadata!
    keyId = metadata.KeyId!
    expect(metadata).toMatchObject({ Origin: "EXTERNAL_KEY_STORE", CustomKeyStoreId: storeId, XksKeyConfiguration: { Id: "orders-1" }, KeyState: "Enabled" })
    const context = { order: "42" }
    const sealed = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8("attack at dawn"), EncryptionContext: context }))
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: context }))
    expect(text(opened.Plaintext)).toBe("attack at dawn")
    expect(opened.KeyId).toBe(metadata.Arn)
    const wrongContext = await rejects(kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: { order: "43" } })))
    expect(wrongContext.name).toBe("InvalidCiphertextException")

    const dataKey = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: "AES_256" }))
    const reopened = await kms.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob }))
    expect(reopened.Plaintext).toEqual(dataKey.Plaintext)
    const withoutPlaintext = await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: keyId, NumberOfBytes: 32 }))
    expect((await kms.send(new DecryptCommand({ CiphertextBlob: withoutPlaintext.CiphertextBlob }))).Plaintext).toHaveLength(32)

    const local = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!
    const moved = await kms.send(new ReEncryptCommand({ CiphertextBlob: sealed.CiphertextBlob, SourceEncryptionContext: context, DestinationKeyId: local }))
    const back = await kms.send(new ReEncryptCommand({ CiphertextBlob: moved.CiphertextBlob, DestinationKeyId: keyId }))
    expect(text((await kms.send(new DecryptCommand({ CiphertextBlob: back.CiphertextBlob }))).Plaintext)).toBe("attack at dawn")
  })

  it("needs the proxy to decrypt: the external key is a second, independent layer", async () => {
    const sealed = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8("two layers") }))
    // B's key, disabled on the proxy side, refuses A's Encrypt and Decrypt with KMSInvalidStateException.
    await proxyKms.send(new DisableKeyCommand({ KeyId: proxyKeyId }))
    try {
      expect((await rejects(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8("x") })))).name).toBe("KMSInvalidStateException")
      expect((await rejects(kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob })))).name).toBe("KMSInvalidStateException")
      const refusedKey = await rejects(kms.send(new CreateKeyCommand({ Origin: "EXTERNAL_KEY_STORE", CustomKeyStoreId: storeId, XksKeyId: "orders-1" })))
      expect(refusedKey.name).toBe("XksKeyInvalidConfigurationException")
    } finally {
      await proxyKms.send(new EnableKeyCommand({ KeyId: proxyKeyId }))
    }
    expect(text((await kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob }))).Plaintext)).toBe("two layers")
  })

  it("refuses the store's keys while it is disconnected, and serves them again once reconnected", async () => {
    const sealed = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8("later") }))
    await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }))
    expect((await describeStore()).ConnectionState).toBe("DISCONNECTED")
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState).toBe("Unavailable")
    const encrypt = await rejects(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8("x") })))
    expect(encrypt.name).toBe("KMSInvalidStateException")
    expect((await rejects(kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob })))).name).toBe("KMSInvalidStateException")
    const again = await rejects(kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId })))
    expect(again.name).toBe("CustomKeyStoreInvalidStateException")

    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }))
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState).toBe("Enabled")
    expect(text((await kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob }))).Plaintext)).toBe("later")
  })

  it("renames a connected store, but changes its proxy only while disconnected", async () => {
    await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: storeId, NewCustomKeyStoreName: "orders-renamed" }))
    expect((await describeStore()).CustomKeyStoreName).toBe("orders-renamed")
    const moved = await rejects(kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: storeId, XksProxyUriPath: "/moved/kms/xks/v1" })))
    expect(moved.name).toBe("CustomKeyStoreInvalidStateException")
  })

  it("fails to connect with a wrong credential, showing FAILED and INVALID_CREDENTIALS", async () => {
    await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }))
    const wrong = xksCredential("wrong")
    await kms.send(new UpdateCustomKeyStoreCommand({
      CustomKeyStoreId: storeId,
      XksProxyAuthenticationCredential: { AccessKeyId: wrong.accessKeyId, RawSecretAccessKey: wrong.secretAccessKey }
    }))
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }))
    expect(await describeStore()).toMatchObject({ ConnectionState: "FAILED", ConnectionErrorCode: "INVALID_CREDENTIALS" })
    const fromFailed = await rejects(kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId })))
    expect(fromFailed.name).toBe("CustomKeyStoreInvalidStateException")
    await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }))
    await kms.send(new UpdateCustomKeyStoreCommand({
      CustomKeyStoreId: storeId,
      XksProxyAuthenticationCredential: { AccessKeyId: credential.accessKeyId, RawSecretAccessKey: credential.secretAccessKey }
    }))
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }))
    expect((await describeStore()).ConnectionState).toBe("CONNECTED")
  })

  it("deletes a store only once it is disconnected and holds no keys", async () => {
    expect((await rejects(kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: storeId })))).name).toBe("CustomKeyStoreInvalidStateException")
    await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }))
    expect((await rejects(kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: storeId })))).name).toBe("CustomKeyStoreHasCMKsException")
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }))
    // A key pending deletion is still in the store.
    expect((await rejects(kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: storeId })))).name).toBe("CustomKeyStoreHasCMKsException")
    const missing = await rejects(kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: "cks-00000000000000000" })))
    expect(missing.name).toBe("CustomKeyStoreNotFoundException")
  })

  it("deletes the store once its keys are gone, and its secrets were never written in clear", async () => {
    noSecretOnDisk([credential.secretAccessKey, xksCredential("wrong").secretAccessKey])
    const empty = (await kms.send(new CreateCustomKeyStoreCommand({
      CustomKeyStoreName: "empty",
      CustomKeyStoreType: "EXTERNAL_KEY_STORE",
      XksProxyUriEndpoint: proxy.url,
      XksProxyUriPath: "/empty/kms/xks/v1",
      XksProxyAuthenticationCredential: { AccessKeyId: credential.accessKeyId, RawSecretAccessKey: credential.secretAccessKey },
      XksProxyConnectivity: "PUBLIC_ENDPOINT"
    }))).CustomKeyStoreId!
    await kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: empty }))
    const gone = await rejects(kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: empty })))
    expect(gone.name).toBe("CustomKeyStoreNotFoundException")
    expect((await kms.send(new DescribeCustomKeyStoresCommand({}))).CustomKeyStores!.map((store) => store.CustomKeyStoreId)).toEqual([storeId])
  })
})
