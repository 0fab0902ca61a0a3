import { randomUUID } from "node:crypto"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  CancelKeyDeletionCommand,
  CreateKeyCommand,
  DeleteImportedKeyMaterialCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyRotationStatusCommand,
  InvalidCiphertextException,
  type KMSClient,
  ReplicateKeyCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  UnsupportedOperationException,
  UpdatePrimaryRegionCommand
} from "@aws-sdk/client-kms"
import { Kafka, logLevel } from "kafkajs"
import { afterAll, describe, expect, inject, it } from "vitest"
import { wrapWithNode } from "./importWrapping.test-support.ts"
import { rejects, removeDir, type RunningServer, shareRootKey, startServer } from "./serverFixture.test-support.ts"

declare module "vitest" {
  export interface ProvidedContext {
    kafkaBrokers: string
  }
}

/** Multi-Region keys (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html) and imported key material (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html) with both Regions of one server on the Kafka store, across restarts. */
const dirs: Array<string> = []
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "trent-kafka-mrk-"))
  dirs.push(dir)
  return dir
}
shareRootKey(5)
afterAll(() => {
  for (const dir of dirs) removeDir(dir)
})

const utf8 = (s: string) => new TextEncoder().encode(s)
const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b)
const arnIn = (region: string, keyId: string) => `arn:aws:kms:${region}:111122223333:key/${keyId}`
const metadataIn = async (client: KMSClient, keyId: string) => (await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!
const membership = (primary: string, replica: string, keyId: string) => ({
  PrimaryKey: { Arn: arnIn(primary, keyId), Region: primary },
  ReplicaKeys: [{ Arn: arnIn(replica, keyId), Region: replica }]
})

const topicsOf = async (brokers: Array<string>, prefix: string) => {
  const admin = new Kafka({ clientId: "mrk-topics", brokers, logLevel: logLevel.NOTHING }).admin()
  await admin.connect()
  try {
    return (await admin.listTopics()).filter((topic) => topic.startsWith(`${prefix}.`))
  } finally {
    await admin.disconnect()
  }
}

/** Runs `body` against a server on `dir`, always stopping it. */
const withServer = async (settings: Parameters<typeof startServer>[0], dir: string, body: (west: KMSClient, east: KMSClient) => Promise<void>) => {
  const server: RunningServer = await startServer(settings, dir)
  try {
    await body(server.client("eu-west-1"), server.client("us-east-1"))
  } finally {
    await server.stop()
  }
}

describe("multi-Region keys and imported key material on the Kafka store", () => {
  it("replicates, crosses Regions and rotates; after a restart the replica still decrypts and the membership holds", async () => {
    const brokers = inject("kafkaBrokers").split(",")
    const prefix = `e2e-mrk-${randomUUID().slice(0, 8)}`
    const settings = { store: "kafka" as const, kafkaBrokers: brokers, kafkaTopicPrefix: prefix, regions: ["eu-west-1", "us-east-1"] }
    const dataDir = freshDir()
    const context = { purpose: "kafka-mrk" }
    let keyId = ""
    let singleBlob: Uint8Array = new Uint8Array()
    const fromWest: Array<Uint8Array> = []

    await withServer(settings, dataDir, async (west, east) => {
      keyId = (await west.send(new CreateKeyCommand({ MultiRegion: true, Description: "primary" }))).KeyMetadata!.KeyId!
      expect(keyId).toMatch(/^mrk-[0-9a-f]{32}$/)
      const replicated = await west.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: "us-east-1", Description: "replica" }))
      expect(replicated.ReplicaKeyMetadata).toMatchObject({ Arn: arnIn("us-east-1", keyId), KeyState: "Creating", Enabled: false })
      expect(await metadataIn(east, keyId)).toMatchObject({ KeyState: "Enabled", Description: "replica" })

      fromWest.push((await west.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8("w0"), EncryptionContext: context }))).CiphertextBlob!)
      expect(text((await east.send(new DecryptCommand({ CiphertextBlob: fromWest[0], EncryptionContext: context }))).Plaintext)).toBe("w0")
      const fromEast = await east.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8("e0") }))
      expect(text((await west.send(new DecryptCommand({ CiphertextBlob: fromEast.CiphertextBlob }))).Plaintext)).toBe("e0")

      await west.send(new RotateKeyOnDemandCommand({ KeyId: keyId }))
      expect((await metadataIn(east, keyId)).CurrentKeyMaterialId).toBe((await metadataIn(west, keyId)).CurrentKeyMaterialId)
      fromWest.push((await west.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8("w1"), EncryptionContext: context }))).CiphertextBlob!)
      expect(text((await east.send(new DecryptCommand({ CiphertextBlob: fromWest[1], EncryptionContext: context }))).Plaintext)).toBe("w1")
      expect(await rejects(east.send(new RotateKeyOnDemandCommand({ KeyId: keyId })))).toBeInstanceOf(UnsupportedOperationException)
      await west.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 120 }))
      expect(await east.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 120 })

      const single = (await west.send(new CreateKeyCommand({}))).KeyMetadata!
      singleBlob = (await west.send(new EncryptCommand({ KeyId: single.KeyId, Plaintext: utf8("stays") }))).CiphertextBlob!
      expect(await rejects(east.send(new DecryptCommand({ CiphertextBlob: singleBlob })))).toBeInstanceOf(InvalidCiphertextException)
    })
    const topics = await topicsOf(brokers, prefix)
    expect(topics.some((topic) => topic.startsWith(`${prefix}.eu-west-1.`))).toBe(true)
    expect(topics.some((topic) => topic.startsWith(`${prefix}.us-east-1.`))).toBe(true)

    // Warm restart: the same topics and data directory.
    await withServer(settings, dataDir, async (west, east) => {
      const primary = await metadataIn(west, keyId)
      const replica = await metadataIn(east, keyId)
      expect(primary.MultiRegionConfiguration).toEqual({ MultiRegionKeyType: "PRIMARY", ...membership("eu-west-1", "us-east-1", keyId) })
      expect(replica.MultiRegionConfiguration).toEqual({ MultiRegionKeyType: "REPLICA", ...membership("eu-west-1", "us-east-1", keyId) })
      expect(replica).toMatchObject({ KeyState: "Enabled", Description: "replica", CurrentKeyMaterialId: primary.CurrentKeyMaterialId })
      for (const [i, blob] of fromWest.entries()) {
        expect(text((await east.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context }))).Plaintext)).toBe(`w${i}`)
      }
      expect(await rejects(east.send(new DecryptCommand({ CiphertextBlob: singleBlob })))).toBeInstanceOf(InvalidCiphertextException)
      expect((await east.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled).toBe(true)

      // Replication still works after the restart: move the primary, then delete it while its replica exists.
      await west.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: "us-east-1" }))
      expect((await metadataIn(east, keyId)).MultiRegionConfiguration?.MultiRegionKeyType).toBe("PRIMARY")
      const scheduled = await east.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }))
      expect(scheduled).toMatchObject({ KeyState: "PendingReplicaDeletion", PendingWindowInDays: 7 })
      expect(scheduled.DeletionDate).toBeUndefined()
      const replicaScheduled = await west.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }))
      expect(replicaScheduled.KeyState).toBe("PendingDeletion")
      expect(replicaScheduled.DeletionDate).toBeInstanceOf(Date)
      await east.send(new CancelKeyDeletionCommand({ KeyId: keyId }))
    })

    // Cold restart: a fresh data directory, everything from the topics alone.
    await withServer(settings, freshDir(), async (west, east) => {
      const primary = await metadataIn(east, keyId)
      expect(primary).toMatchObject({
        KeyState: "Disabled",
        MultiRegionConfiguration: { MultiRegionKeyType: "PRIMARY", ...membership("us-east-1", "eu-west-1", keyId) }
      })
      expect(await metadataIn(west, keyId)).toMatchObject({
        KeyState: "PendingDeletion",
        MultiRegionConfiguration: { MultiRegionKeyType: "REPLICA", ...membership("us-east-1", "eu-west-1", keyId) }
      })
      expect((await metadataIn(west, keyId)).DeletionDate).toBeInstanceOf(Date)
    })
  })

  it("imports key material: parameters one server issued are redeemed by another, and the material outlives cold restarts", async () => {
    const brokers = inject("kafkaBrokers").split(",")
    const prefix = `e2e-byok-${randomUUID().slice(0, 8)}`
    const settings = { store: "kafka" as const, kafkaBrokers: brokers, kafkaTopicPrefix: prefix, regions: ["eu-west-1", "us-east-1"] }
    const material = new Uint8Array(32).map((_, i) => (i * 37 + 11) % 256)
    let keyId = ""
    let importToken: Uint8Array = new Uint8Array()
    let publicKey: Uint8Array = new Uint8Array()
    let sealed: Uint8Array = new Uint8Array()

    await withServer(settings, freshDir(), async (west) => {
      keyId = (await west.send(new CreateKeyCommand({ Origin: "EXTERNAL" }))).KeyMetadata!.KeyId!
      const parameters = await west.send(new GetParametersForImportCommand({
        KeyId: keyId, WrappingAlgorithm: "RSA_AES_KEY_WRAP_SHA_256", WrappingKeySpec: "RSA_2048"
      }))
      importToken = parameters.ImportToken!
      publicKey = parameters.PublicKey!
    })
    // Another server on a data directory of its own: the wrapping key is in the Region's keyvault topic.
    await withServer(settings, freshDir(), async (west) => {
      expect((await metadataIn(west, keyId)).KeyState).toBe("PendingImport")
      const imported = await west.send(new ImportKeyMaterialCommand({
        KeyId: keyId,
        ImportToken: importToken,
        EncryptedKeyMaterial: wrapWithNode("RSA_AES_KEY_WRAP_SHA_256", publicKey, material),
        ExpirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE"
      }))
      expect(imported.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/)
      sealed = (await west.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8("imported on kafka") }))).CiphertextBlob!
    })
    await withServer(settings, freshDir(), async (west) => {
      expect(await metadataIn(west, keyId)).toMatchObject({ KeyState: "Enabled", Origin: "EXTERNAL", ExpirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE" })
      expect(text((await west.send(new DecryptCommand({ CiphertextBlob: sealed }))).Plaintext)).toBe("imported on kafka")
      await west.send(new DeleteImportedKeyMaterialCommand({ KeyId: keyId }))
      expect((await metadataIn(west, keyId)).KeyState).toBe("PendingImport")
      expect((await rejects(west.send(new DecryptCommand({ CiphertextBlob: sealed })))).name).toBe("KMSInvalidStateException")
    })
  })
})
