import {
  AlreadyExistsException,
  CancelKeyDeletionCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisabledException,
  DisableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  InvalidCiphertextException,
  KMSClient,
  KMSInvalidStateException,
  ListResourceTagsCommand,
  ReplicateKeyCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  UnsupportedOperationException,
  UpdatePrimaryRegionCommand
} from "@aws-sdk/client-kms"
import { join } from "node:path"
import { openAuditFileReadOnly } from "@trent/audit"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { rejects, removeDir, type RunningServer, startServer } from "./serverFixture.test-support.ts"

/**
 * Multi-Region keys (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html, https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html, https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html) through @aws-sdk/client-kms
 * in two Regions of one server: the primary in eu-west-1, its replica in us-east-1.
 */
let server: RunningServer
let west: KMSClient
let east: KMSClient
const utf8 = (s: string) => new TextEncoder().encode(s)
const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b)
const arnIn = (region: string, keyId: string) => `arn:aws:kms:${region}:111122223333:key/${keyId}`

beforeAll(async () => {
  server = await startServer()
  west = server.client("eu-west-1")
  east = server.client("us-east-1")
})
afterAll(async () => {
  await server.stop()
  removeDir(server.dataDir)
})


const replicaPolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Sid: "replica", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }]
})

/** A primary in eu-west-1 replicated to us-east-1; returns the key id. */
const replicatedKey = async () => {
  const keyId = (await west.send(new CreateKeyCommand({ MultiRegion: true, Description: "primary" }))).KeyMetadata!.KeyId!
  await west.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: "us-east-1", Description: "replica" }))
  return keyId
}
const metadataIn = async (client: KMSClient, keyId: string) => (await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!

describe("ReplicateKey", () => {
  it("creates an mrk- primary and answers ReplicateKey with a Creating replica, its policy and its tags", async () => {
    const created = (await west.send(new CreateKeyCommand({ MultiRegion: true, Description: "primary", Tags: [{ TagKey: "side", TagValue: "west" }] })))
      .KeyMetadata!
    expect(created.KeyId).toMatch(/^mrk-[0-9a-f]{32}$/)
    expect(created).toMatchObject({
      MultiRegion: true,
      Arn: arnIn("eu-west-1", created.KeyId!),
      MultiRegionConfiguration: {
        MultiRegionKeyType: "PRIMARY",
        PrimaryKey: { Arn: arnIn("eu-west-1", created.KeyId!), Region: "eu-west-1" },
        ReplicaKeys: []
      }
    })

    const replicated = await west.send(new ReplicateKeyCommand({
      KeyId: created.Arn,
      ReplicaRegion: "us-east-1",
      Description: "replica",
      Policy: replicaPolicy,
      Tags: [{ TagKey: "side", TagValue: "east" }]
    }))
    expect(replicated.ReplicaKeyMetadata).toMatchObject({
      KeyId: created.KeyId,
      Arn: arnIn("us-east-1", created.KeyId!),
      KeyState: "Creating",
      Enabled: false,
      Description: "replica",
      MultiRegion: true,
      KeySpec: "SYMMETRIC_DEFAULT",
      MultiRegionConfiguration: { MultiRegionKeyType: "REPLICA", PrimaryKey: { Region: "eu-west-1" } }
    })
    expect(replicated.ReplicaPolicy).toBe(replicaPolicy)
    expect(replicated.ReplicaTags).toEqual([{ TagKey: "side", TagValue: "east" }])
  })

  it("refuses a second replica in the same Region, a Region the server does not host, a replica and a single-Region key", async () => {
    const keyId = await replicatedKey()
    const again = await rejects(west.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: "us-east-1" })))
    expect(again).toBeInstanceOf(AlreadyExistsException)
    const fromReplica = await rejects(east.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: "eu-west-1" })))
    expect(fromReplica).toBeInstanceOf(UnsupportedOperationException)
    const notHosted = await rejects(west.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: "ap-south-1" })))
    expect(notHosted.name).toBe("ValidationException")
    const single = (await west.send(new CreateKeyCommand({}))).KeyMetadata!
    const singleRegion = await rejects(west.send(new ReplicateKeyCommand({ KeyId: single.KeyId, ReplicaRegion: "us-east-1" })))
    expect(singleRegion).toBeInstanceOf(UnsupportedOperationException)
  })
})

describe("DescribeKey of a multi-Region key", () => {
  it("shows PRIMARY and REPLICA membership, one KeyId and key material, and each Region's own description, policy and tags", async () => {
    const created = (await west.send(new CreateKeyCommand({ MultiRegion: true, Description: "primary", Tags: [{ TagKey: "side", TagValue: "west" }] })))
      .KeyMetadata!
    const keyId = created.KeyId!
    await west.send(new ReplicateKeyCommand({
      KeyId: keyId, ReplicaRegion: "us-east-1", Description: "replica", Policy: replicaPolicy, Tags: [{ TagKey: "side", TagValue: "east" }]
    }))
    const membership = {
      PrimaryKey: { Arn: arnIn("eu-west-1", keyId), Region: "eu-west-1" },
      ReplicaKeys: [{ Arn: arnIn("us-east-1", keyId), Region: "us-east-1" }]
    }
    const primary = await metadataIn(west, keyId)
    const replica = await metadataIn(east, keyId)
    expect(primary).toMatchObject({ KeyId: keyId, KeyState: "Enabled", Description: "primary", MultiRegionConfiguration: { MultiRegionKeyType: "PRIMARY", ...membership } })
    expect(replica).toMatchObject({
      KeyId: keyId,
      Arn: arnIn("us-east-1", keyId),
      KeyState: "Enabled",
      Enabled: true,
      Description: "replica",
      MultiRegion: true,
      MultiRegionConfiguration: { MultiRegionKeyType: "REPLICA", ...membership }
    })
    expect(replica.CurrentKeyMaterialId).toMatch(/^[0-9a-f]{64}$/)
    expect(replica.CurrentKeyMaterialId).toBe(primary.CurrentKeyMaterialId)

    expect((await east.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy).toBe(replicaPolicy)
    expect((await west.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy).not.toBe(replicaPolicy)
    expect((await east.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags).toEqual([{ TagKey: "side", TagValue: "east" }])
    expect((await west.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags).toEqual([{ TagKey: "side", TagValue: "west" }])
  })
})

describe("cryptography across Regions", () => {
  it("decrypts in either Region what the other encrypted, with its encryption context", async () => {
    const keyId = await replicatedKey()
    const context = { purpose: "across", "ünï": "cödé" }
    const fromWest = await west.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8("west to east"), EncryptionContext: context }))
    expect(fromWest.KeyId).toBe(arnIn("eu-west-1", keyId))
    const inEast = await east.send(new DecryptCommand({ CiphertextBlob: fromWest.CiphertextBlob, EncryptionContext: context }))
    expect(text(inEast.Plaintext)).toBe("west to east")
    expect(inEast.KeyId).toBe(arnIn("us-east-1", keyId))
    expect(await rejects(east.send(new DecryptCommand({ CiphertextBlob: fromWest.CiphertextBlob })))).toBeInstanceOf(InvalidCiphertextException)

    const fromEast = await east.send(new EncryptCommand({ KeyId: arnIn("us-east-1", keyId), Plaintext: utf8("east to west"), EncryptionContext: context }))
    const inWest = await west.send(new DecryptCommand({ CiphertextBlob: fromEast.CiphertextBlob, EncryptionContext: context, KeyId: keyId }))
    expect(text(inWest.Plaintext)).toBe("east to west")
    expect(inWest.KeyId).toBe(arnIn("eu-west-1", keyId))
  })

  it("keeps a single-Region key's ciphertext in its own Region", async () => {
    const single = (await west.send(new CreateKeyCommand({}))).KeyMetadata!
    const sealed = await west.send(new EncryptCommand({ KeyId: single.KeyId, Plaintext: utf8("stays") }))
    expect(await rejects(east.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob })))).toBeInstanceOf(InvalidCiphertextException)
  })
})

describe("rotation and state of a multi-Region key", () => {
  it("rotates the primary on demand for every Region and refuses to rotate the replica", async () => {
    const keyId = await replicatedKey()
    const before = await east.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8("before") }))
    const original = (await metadataIn(west, keyId)).CurrentKeyMaterialId
    expect((await west.send(new RotateKeyOnDemandCommand({ KeyId: keyId }))).KeyId).toBe(arnIn("eu-west-1", keyId))
    const rotated = (await metadataIn(west, keyId)).CurrentKeyMaterialId
    expect(rotated).not.toBe(original)
    expect((await metadataIn(east, keyId)).CurrentKeyMaterialId).toBe(rotated)

    const after = await west.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8("after") }))
    const opened = await east.send(new DecryptCommand({ CiphertextBlob: after.CiphertextBlob }))
    expect(text(opened.Plaintext)).toBe("after")
    expect(opened.KeyMaterialId).toBe(rotated)
    expect(text((await west.send(new DecryptCommand({ CiphertextBlob: before.CiphertextBlob }))).Plaintext)).toBe("before")
    expect(await rejects(east.send(new RotateKeyOnDemandCommand({ KeyId: keyId })))).toBeInstanceOf(UnsupportedOperationException)
  })

  it("shows the primary's automatic rotation in the replica's GetKeyRotationStatus", async () => {
    const keyId = await replicatedKey()
    await west.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 90 }))
    const status = await east.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))
    expect(status).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 90 })
    expect(status.NextRotationDate).toBeInstanceOf(Date)
  })

  it("refuses Encrypt on a disabled replica while the primary still encrypts", async () => {
    const keyId = await replicatedKey()
    await east.send(new DisableKeyCommand({ KeyId: keyId }))
    expect(await metadataIn(east, keyId)).toMatchObject({ KeyState: "Disabled", Enabled: false })
    const disabled = await rejects(east.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8("x") })))
    expect(disabled).toBeInstanceOf(DisabledException)
    expect(disabled.message).toBe(`${arnIn("us-east-1", keyId)} is disabled.`)
    expect((await west.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8("primary still works") }))).CiphertextBlob).toBeDefined()
    expect((await metadataIn(west, keyId)).KeyState).toBe("Enabled")
  })
})

describe("UpdatePrimaryRegion and deletion", () => {
  it("swaps the roles, then waits for the replica before deleting the primary (PendingReplicaDeletion)", async () => {
    const keyId = await replicatedKey()
    await west.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: "us-east-1" }))
    const membership = {
      PrimaryKey: { Arn: arnIn("us-east-1", keyId), Region: "us-east-1" },
      ReplicaKeys: [{ Arn: arnIn("eu-west-1", keyId), Region: "eu-west-1" }]
    }
    expect((await metadataIn(east, keyId)).MultiRegionConfiguration).toEqual({ MultiRegionKeyType: "PRIMARY", ...membership })
    expect((await metadataIn(west, keyId)).MultiRegionConfiguration).toEqual({ MultiRegionKeyType: "REPLICA", ...membership })

    const scheduled = await east.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }))
    expect(scheduled).toMatchObject({ KeyId: arnIn("us-east-1", keyId), KeyState: "PendingReplicaDeletion", PendingWindowInDays: 7 })
    expect(scheduled.DeletionDate).toBeUndefined()
    const waiting = await metadataIn(east, keyId)
    expect(waiting).toMatchObject({ KeyState: "PendingReplicaDeletion", Enabled: false, PendingDeletionWindowInDays: 7 })
    expect(waiting.DeletionDate).toBeUndefined()
    const pending = await rejects(east.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8("x") })))
    expect(pending).toBeInstanceOf(KMSInvalidStateException)
    expect(pending.message).toBe(`${arnIn("us-east-1", keyId)} is pending replica deletion.`)

    const replicaScheduled = await west.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }))
    expect(replicaScheduled).toMatchObject({ KeyId: arnIn("eu-west-1", keyId), KeyState: "PendingDeletion", PendingWindowInDays: 7 })
    expect(replicaScheduled.DeletionDate!.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000)
    expect((await metadataIn(west, keyId)).DeletionDate).toBeInstanceOf(Date)
    expect((await metadataIn(east, keyId)).KeyState).toBe("PendingReplicaDeletion")

    expect((await east.send(new CancelKeyDeletionCommand({ KeyId: keyId }))).KeyId).toBe(arnIn("us-east-1", keyId))
    const cancelled = await metadataIn(east, keyId)
    expect(cancelled).toMatchObject({ KeyState: "Disabled", Enabled: false })
    expect(cancelled.PendingDeletionWindowInDays).toBeUndefined()
  })

  it("records ReplicateKey and UpdatePrimaryRegion in both Regions' audit trails, under the same request id", async () => {
    const created = await west.send(new CreateKeyCommand({ MultiRegion: true }))
    const keyId = created.KeyMetadata!.KeyId!
    const replicated = await west.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: "us-east-1" }))
    const promoted = await west.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: "us-east-1" }))
    const trail = (region: string) =>
      Effect.runPromise(Effect.scoped(Effect.gen(function*() {
        const file = yield* openAuditFileReadOnly(join(server.dataDir, region, "audit.db"))
        return (yield* file.read()).map((entry) => entry.record)
      })))
    for (const [call, operation] of [[replicated, "ReplicateKey"], [promoted, "UpdatePrimaryRegion"]] as const) {
      for (const region of ["eu-west-1", "us-east-1"]) {
        const records = (await trail(region)).filter((record) => record.requestID === call.$metadata.requestId)
        expect(records, `${operation} in ${region}`).toHaveLength(1)
        expect(records[0]).toMatchObject({ eventName: operation, awsRegion: region })
        expect(records[0]!.resources.map((resource) => resource.ARN)).toEqual([arnIn(region, keyId)])
      }
    }
  })
})
