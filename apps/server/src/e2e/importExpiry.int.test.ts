import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { randomBytes } from "node:crypto"
import {
  CreateKeyCommand,
  DecryptCommand,
  DeleteImportedKeyMaterialCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  KMSClient,
  KMSInvalidStateException
} from "@aws-sdk/client-kms"
import { Clock, Context, Duration, Effect, Exit, Layer, Scope } from "effect"
import { TestClock } from "effect/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { HttpEdge } from "../HttpEdge.ts"
import { jsonLogs, serverLayer } from "../Server.ts"
import { wrapWithNode } from "./importWrapping.test-support.ts"
import { readSharedCredentials, removeDir, testServerSettings } from "./serverFixture.test-support.ts"

/**
 * Imported material that expires (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html, https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html), end to end with
 * @aws-sdk/client-kms against a server whose every clock is a TestClock: the
 * Region's scheduler deletes the material when ValidTo passes. The SDK signs
 * with the same offset the test moves the clock by (systemClockOffset), as a
 * client whose clock agrees with the server's.
 */
const DAY = 86_400_000
const dataDir = mkdtempSync(join(tmpdir(), "trent-import-expiry-"))
const settings = testServerSettings(dataDir, { regions: ["eu-west-1"] })
const scope = Effect.runSync(Scope.make())
let clock: TestClock.TestClock
let url = ""
let offset = 0
const clients: Array<KMSClient> = []

/**
 * A client whose clock reads what the server's does. A fresh one per call: the
 * SDK resets its offset from each response's Date header, which node:http
 * fills with the real time.
 */
const kms = () => {
  const client = new KMSClient({ endpoint: url, region: "eu-west-1", credentials: readSharedCredentials(dataDir), maxAttempts: 1, systemClockOffset: offset })
  clients.push(client)
  return client
}

/** Moves the server's clock and lets the scheduler's woken pass (real async crypto and SQLite) finish. */
const advance = async (ms: number) => {
  offset += ms
  await Effect.runPromise(clock.adjust(Duration.millis(ms)))
  await new Promise((resolve) => setTimeout(resolve, 300))
}

beforeAll(async () => {
  clock = await Effect.runPromise(Scope.provide(TestClock.make(), scope))
  await Effect.runPromise(clock.setTime(Date.now()))
  const context = await Effect.runPromise(Layer.buildWithScope(
    serverLayer(settings).pipe(Layer.provide(jsonLogs(settings)), Layer.provide(Layer.succeed(Clock.Clock, clock))),
    scope
  ))
  url = Context.get(context, HttpEdge).url
})
afterAll(async () => {
  for (const client of clients) client.destroy()
  await Effect.runPromise(Scope.close(scope, Exit.void))
  removeDir(dataDir)
})

const importMaterial = async (keyId: string, material: Uint8Array, validTo: Date | undefined) => {
  const parameters = await kms().send(new GetParametersForImportCommand({ KeyId: keyId, WrappingAlgorithm: "RSAES_OAEP_SHA_256", WrappingKeySpec: "RSA_2048" }))
  return kms().send(new ImportKeyMaterialCommand({
    KeyId: keyId,
    ImportToken: parameters.ImportToken,
    EncryptedKeyMaterial: wrapWithNode("RSAES_OAEP_SHA_256", parameters.PublicKey!, material),
    ...(validTo === undefined ? { ExpirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE" as const } : { ValidTo: validTo })
  }))
}

describe("imported key material over time (TestClock)", () => {
  it("expires at ValidTo: the key waits for the same material again, then every earlier ciphertext decrypts", async () => {
    const material = randomBytes(32)
    const keyId = (await kms().send(new CreateKeyCommand({ Origin: "EXTERNAL" }))).KeyMetadata!.KeyId!
    const now = clock.currentTimeMillisUnsafe()
    const validTo = new Date(Math.floor((now + 10 * DAY) / 1000) * 1000)
    const imported = await importMaterial(keyId, material, validTo)
    expect((await kms().send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata).toMatchObject({
      KeyState: "Enabled",
      ExpirationModel: "KEY_MATERIAL_EXPIRES",
      ValidTo: validTo
    })
    const sealed = (await kms().send(new EncryptCommand({ KeyId: keyId, Plaintext: new TextEncoder().encode("kept") }))).CiphertextBlob!

    await advance(DAY)
    expect((await kms().send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState).toBe("Enabled")

    await advance(9 * DAY + 120_000)
    expect((await kms().send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState).toBe("PendingImport")
    const refused = await kms().send(new DecryptCommand({ CiphertextBlob: sealed })).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(KMSInvalidStateException)
    expect((refused as Error).message).toMatch(/is pending import\.$/)

    const again = await importMaterial(keyId, material, undefined)
    expect(again.KeyMaterialId).toBe(imported.KeyMaterialId)
    expect(new TextDecoder().decode((await kms().send(new DecryptCommand({ CiphertextBlob: sealed }))).Plaintext)).toBe("kept")
    expect((await kms().send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata).toMatchObject({
      KeyState: "Enabled",
      ExpirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE"
    })

    // Material that does not expire stays (the scheduler passes every minute of these 30 days); deleting it is immediate.
    await advance(30 * DAY)
    expect((await kms().send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState).toBe("Enabled")
    await kms().send(new DeleteImportedKeyMaterialCommand({ KeyId: keyId }))
    expect((await kms().send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState).toBe("PendingImport")
  })
})
