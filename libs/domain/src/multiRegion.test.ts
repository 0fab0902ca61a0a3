import { assert, describe, it } from "vitest"
import { DAY_MS, evolveKey, initialKey, type Key, keyDueAt } from "./Key.ts"
import type { KeyEvent, ReplicatedVersion } from "./KeyEvent.ts"
import { created, keySpec, material, rejectsWith, T0 } from "./keyFixtures.test-support.ts"
import { membershipToReplicate } from "./decide/replication.ts"
import { UnsupportedOperation } from "./KeyErrors.ts"
import { keyMetadata, replicaBeingCreated } from "./keyViews.ts"

const { given } = keySpec

/** Multi-Region keys (KeyMetadata.MultiRegionConfiguration, https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html; https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html; https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html). */
const MRK_ID = `mrk-${"1234abcd".repeat(4)}`
const PRIMARY = "eu-west-1"
const REPLICA = "us-east-1"
const OTHER = "ap-south-1"
const arnIn = (region: string) => `arn:aws:kms:${region}:111122223333:key/${MRK_ID}`
const POLICY = '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}]}'

const primaryCreated = { ...created, keyId: MRK_ID, multiRegion: true } as KeyEvent
const membership = (at: number, primaryRegion: string, replicaRegions: ReadonlyArray<string>): KeyEvent =>
  ({ _tag: "MultiRegionConfigurationUpdated", at, primaryRegion, replicaRegions })
const withReplica = membership(T0 + 1, PRIMARY, [REPLICA])

const version = (n: number, wrapped = material(n).wrapped): ReplicatedVersion =>
  ({ materialId: material(n).materialId, wrapped, createdAt: T0, rotationType: null, imported: null })
const noRotation = { enabled: false, periodInDays: null, nextRotationAt: null }
const createReplica = {
  _tag: "CreateReplicaKey" as const,
  now: T0 + 1,
  keyId: MRK_ID,
  partition: "aws",
  account: "111122223333",
  region: REPLICA,
  primaryRegion: PRIMARY,
  replicaRegions: [REPLICA],
  keySpec: "SYMMETRIC_DEFAULT" as const,
  keyUsage: "ENCRYPT_DECRYPT" as const,
  origin: "AWS_KMS" as const,
  description: "",
  policy: POLICY,
  tags: [],
  versions: [version(1)],
  rotation: noRotation
}
const { _tag: _command, now: _now, ...replicaFields } = createReplica
const replicaCreated: KeyEvent = { _tag: "ReplicaKeyCreated", ...replicaFields, createdAt: T0 + 1 }
const externalReplica = (versions: ReadonlyArray<ReplicatedVersion>): KeyEvent =>
  ({ ...replicaCreated, origin: "EXTERNAL", versions } as KeyEvent)

const fold = (events: ReadonlyArray<KeyEvent>): Key => events.reduce(evolveKey, initialKey)
const metadataOf = (events: ReadonlyArray<KeyEvent>) => {
  const state = fold(events)
  if (state.status === "Absent" || state.status === "Destroyed") throw new Error("no metadata")
  return keyMetadata(state)
}
const tick = (now: number) => ({ _tag: "RunScheduledWork" as const, now, material: material(7) })

describe("a multi-Region primary key", () => {
  it("is created as its own primary with no replicas", () => {
    const state = fold([primaryCreated])
    assert.deepStrictEqual(state.status === "Enabled" && state.key.replication, { primaryRegion: PRIMARY, replicaRegions: [] })
    const metadata = metadataOf([primaryCreated])
    assert.strictEqual(metadata.multiRegion, true)
    assert.deepStrictEqual(metadata.multiRegionConfiguration, {
      multiRegionKeyType: "PRIMARY",
      primaryKey: { arn: arnIn(PRIMARY), region: PRIMARY },
      replicaKeys: []
    })
  })
  it("lists each replica with its ARN in its own Region", () =>
    assert.deepStrictEqual(metadataOf([primaryCreated, membership(T0 + 1, PRIMARY, [REPLICA, OTHER])]).multiRegionConfiguration?.replicaKeys, [
      { arn: arnIn(REPLICA), region: REPLICA },
      { arn: arnIn(OTHER), region: OTHER }
    ]))
  it("is absent from a single-Region key's metadata", () =>
    assert.strictEqual(metadataOf([created]).multiRegionConfiguration, undefined))
})

describe("CreateReplicaKey (aws-kms-api.md §3.9)", () => {
  it("records the replica's first event in its Region", () =>
    given([]).when(createReplica).then([replicaCreated]))
  it("makes an Enabled replica that names its primary in the primary Region", () => {
    const metadata = metadataOf([replicaCreated])
    assert.strictEqual(metadata.keyState, "Enabled")
    assert.strictEqual(metadata.arn, arnIn(REPLICA))
    assert.strictEqual(metadata.multiRegion, true)
    assert.strictEqual(metadata.currentKeyMaterialId, material(1).materialId)
    assert.deepStrictEqual(metadata.multiRegionConfiguration, {
      multiRegionKeyType: "REPLICA",
      primaryKey: { arn: arnIn(PRIMARY), region: PRIMARY },
      replicaKeys: [{ arn: arnIn(REPLICA), region: REPLICA }]
    })
  })
  it("makes an EXTERNAL replica PendingImport while any version lacks material, and import enables it", () => {
    assert.strictEqual(fold([externalReplica([version(1, new Uint8Array())])]).status, "PendingImport")
    assert.strictEqual(fold([externalReplica([version(1), version(2, new Uint8Array())])]).status, "PendingImport")
    assert.strictEqual(fold([externalReplica([version(1)])]).status, "Enabled")
    const terms = { expirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE" as const, validTo: null, description: null }
    given([externalReplica([version(1, new Uint8Array())])])
      .when({ _tag: "ImportKeyMaterial", now: T0 + 2, material: material(1), imported: terms })
      .then([{ _tag: "KeyMaterialImported", at: T0 + 2, material: material(1), imported: terms, pendingRotation: false }])
    const importedEvent: KeyEvent = { _tag: "KeyMaterialImported", at: T0 + 2, material: material(1), imported: terms, pendingRotation: false }
    assert.strictEqual(fold([externalReplica([version(1, new Uint8Array())]), importedEvent]).status, "Enabled")
  })
  it("refuses a Region that already holds the key", () => {
    given([replicaCreated]).when(createReplica).thenRejects(rejectsWith("ResourceAlreadyExists"))
    given([primaryCreated]).when(createReplica).thenRejects(rejectsWith("ResourceAlreadyExists"))
  })
})

describe("what ReplicateKey may replicate, and how it answers", () => {
  const live = (events: ReadonlyArray<KeyEvent>) => {
    const state = fold(events)
    if (state.status === "Absent" || state.status === "Destroyed") throw new Error("no live key")
    return state
  }
  it("extends a primary's membership", () =>
    assert.deepStrictEqual(membershipToReplicate(live([primaryCreated, withReplica])), { primaryRegion: PRIMARY, replicaRegions: [REPLICA] }))
  it("refuses a replica with AWS's message, and a single-Region key", () => {
    assert.deepStrictEqual(membershipToReplicate(live([replicaCreated])),
      new UnsupportedOperation({ message: `${arnIn(REPLICA)} is not a multi-region primary key.` }))
    assert.strictEqual((membershipToReplicate(live([created])) as UnsupportedOperation)._tag, "UnsupportedOperation")
  })
  it("describes the replica as Creating, not Enabled, and without CurrentKeyMaterialId yet", () => {
    const creating = replicaBeingCreated(metadataOf([replicaCreated]))
    assert.deepStrictEqual([creating.keyState, creating.enabled, creating.currentKeyMaterialId], ["Creating", false, undefined])
    assert.deepStrictEqual({ ...creating, keyState: "Enabled", enabled: true, currentKeyMaterialId: material(1).materialId }, metadataOf([replicaCreated]))
  })
})

describe("UpdateMultiRegionConfiguration", () => {
  it("records nothing when the membership is unchanged", () =>
    given([primaryCreated, withReplica]).when({ _tag: "UpdateMultiRegionConfiguration", now: T0 + 2, primaryRegion: PRIMARY, replicaRegions: [REPLICA] })
      .then([]))
  it("records a changed membership", () => {
    given([primaryCreated]).when({ _tag: "UpdateMultiRegionConfiguration", now: T0 + 2, primaryRegion: PRIMARY, replicaRegions: [REPLICA] })
      .then([membership(T0 + 2, PRIMARY, [REPLICA])])
    given([replicaCreated]).when({ _tag: "UpdateMultiRegionConfiguration", now: T0 + 2, primaryRegion: REPLICA, replicaRegions: [PRIMARY] })
      .then([membership(T0 + 2, REPLICA, [PRIMARY])])
  })
  it("refuses a single-Region key", () =>
    given([created]).when({ _tag: "UpdateMultiRegionConfiguration", now: T0 + 2, primaryRegion: PRIMARY, replicaRegions: [] })
      .thenRejects(rejectsWith("UnsupportedOperation")))
})

describe("deleting a primary that has replicas (aws-kms-api.md §7.1)", () => {
  const awaited: KeyEvent = { _tag: "KeyReplicaDeletionAwaited", at: T0 + 2, pendingWindowInDays: 7 }
  it("waits for the replicas: PendingReplicaDeletion with the window shown and no DeletionDate", () => {
    given([primaryCreated, withReplica]).when({ _tag: "ScheduleKeyDeletion", now: T0 + 2, pendingWindowInDays: 7 }).then([awaited])
    const metadata = metadataOf([primaryCreated, withReplica, awaited])
    assert.strictEqual(metadata.keyState, "PendingReplicaDeletion")
    assert.strictEqual(metadata.enabled, false)
    assert.strictEqual(metadata.pendingDeletionWindowInDays, 7)
    assert.strictEqual(metadata.deletionDate, undefined)
    assert.strictEqual(keyDueAt(fold([primaryCreated, withReplica, awaited])), null)
  })
  it("schedules a primary without replicas, and a replica, at once", () => {
    given([primaryCreated]).when({ _tag: "ScheduleKeyDeletion", now: T0 + 2, pendingWindowInDays: 7 })
      .then([{ _tag: "KeyDeletionScheduled", at: T0 + 2, deletionDate: T0 + 2 + 7 * DAY_MS, pendingWindowInDays: 7 }])
    given([replicaCreated]).when({ _tag: "ScheduleKeyDeletion", now: T0 + 2, pendingWindowInDays: 7 })
      .then([{ _tag: "KeyDeletionScheduled", at: T0 + 2, deletionDate: T0 + 2 + 7 * DAY_MS, pendingWindowInDays: 7 }])
  })
  it("starts the window when the last replica is gone", () => {
    const now = T0 + 5 * DAY_MS
    given([primaryCreated, membership(T0 + 1, PRIMARY, [REPLICA, OTHER]), awaited])
      .when({ _tag: "UpdateMultiRegionConfiguration", now, primaryRegion: PRIMARY, replicaRegions: [OTHER] })
      .then([membership(now, PRIMARY, [OTHER])])
    given([primaryCreated, withReplica, awaited])
      .when({ _tag: "UpdateMultiRegionConfiguration", now, primaryRegion: PRIMARY, replicaRegions: [] })
      .then([
        membership(now, PRIMARY, []),
        { _tag: "KeyDeletionScheduled", at: now, deletionDate: now + 7 * DAY_MS, pendingWindowInDays: 7 }
      ])
  })
  it("leaves the key Disabled when the deletion is cancelled", () => {
    given([primaryCreated, withReplica, awaited]).when({ _tag: "CancelKeyDeletion", now: T0 + 3 })
      .then([{ _tag: "KeyDeletionCancelled", at: T0 + 3 }])
    assert.strictEqual(fold([primaryCreated, withReplica, awaited, { _tag: "KeyDeletionCancelled", at: T0 + 3 }]).status, "Disabled")
  })
  it("refuses other changes as pending replica deletion", () => {
    given([primaryCreated, withReplica, awaited]).when({ _tag: "EnableKey", now: T0 + 3 })
      .thenRejects(rejectsWith("KeyInvalidState", `${arnIn(PRIMARY)} is pending replica deletion.`))
    given([primaryCreated, withReplica, awaited]).when({ _tag: "ScheduleKeyDeletion", now: T0 + 3 })
      .thenRejects(rejectsWith("KeyInvalidState", `${arnIn(PRIMARY)} is pending replica deletion.`))
  })
})

describe("rotation of multi-Region keys (aws-kms-api.md §3.9, §7.2)", () => {
  const rotationOn: KeyEvent = { _tag: "KeyRotationEnabled", at: T0 + 2, rotationPeriodInDays: 90, nextRotationAt: T0 + 92 * DAY_MS }
  it("refuses EnableKeyRotation, DisableKeyRotation and RotateKeyOnDemand on a replica", () => {
    given([replicaCreated]).when({ _tag: "EnableKeyRotation", now: T0 + 2 }).thenRejects(rejectsWith("UnsupportedOperation"))
    given([replicaCreated, rotationOn]).when({ _tag: "DisableKeyRotation", now: T0 + 3 }).thenRejects(rejectsWith("UnsupportedOperation"))
    given([replicaCreated]).when({ _tag: "RotateKeyOnDemand", now: T0 + 2, material: material(2) })
      .thenRejects(rejectsWith("UnsupportedOperation"))
  })
  it("refuses NEW_KEY_MATERIAL imported directly into a replica: new material goes to the primary", () => {
    // ImportKeyMaterial (AWS API reference): "You cannot directly import new key material into the replica
    // Region keys." A replica also refuses RotateKeyOnDemand, so material pending rotation there could never
    // become current. Which exception AWS raises is not documented, so only the refusal is asserted.
    const terms = { expirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE" as const, validTo: null, description: null }
    given([externalReplica([version(1)])])
      .when({ _tag: "ImportKeyMaterial", now: T0 + 2, material: material(2), imported: terms, importType: "NEW_KEY_MATERIAL" })
      .thenRejects(() => undefined)
  })
  it("lets the primary rotate on demand", () =>
    given([primaryCreated, withReplica]).when({ _tag: "RotateKeyOnDemand", now: T0 + 2, material: material(2) })
      .then([{ _tag: "KeyRotated", at: T0 + 2, rotationType: "ON_DEMAND", material: material(2), nextRotationAt: null }]))
  it("adds the primary's new version to a replica once", () => {
    const replicate = {
      _tag: "ReplicateMaterial" as const, now: T0 + 3, material: material(2), rotationType: "AUTOMATIC" as const,
      rotatedAt: T0 + 2, nextRotationAt: T0 + 92 * DAY_MS
    }
    const rotated: KeyEvent = { _tag: "KeyRotated", at: T0 + 2, rotationType: "AUTOMATIC", material: material(2), nextRotationAt: T0 + 92 * DAY_MS }
    given([replicaCreated]).when(replicate).then([rotated])
    given([replicaCreated, rotated]).when(replicate).then([])
    given([replicaCreated]).when({ ...replicate, material: material(1) }).then([])
    assert.strictEqual(metadataOf([replicaCreated, rotated]).currentKeyMaterialId, material(2).materialId)
  })
  it("mirrors the primary's rotation settings on a replica, recording nothing when they already match", () => {
    const sync = (rotation: { enabled: boolean; periodInDays: number | null; nextRotationAt: number | null }) =>
      ({ _tag: "SyncRotationSettings" as const, now: T0 + 2, rotation })
    const on = { enabled: true, periodInDays: 90, nextRotationAt: T0 + 92 * DAY_MS }
    given([replicaCreated]).when(sync(on)).then([rotationOn])
    given([replicaCreated, rotationOn]).when(sync(on)).then([])
    given([replicaCreated, rotationOn]).when(sync({ ...on, periodInDays: 180, nextRotationAt: T0 + 182 * DAY_MS }))
      .then([{ _tag: "KeyRotationEnabled", at: T0 + 2, rotationPeriodInDays: 180, nextRotationAt: T0 + 182 * DAY_MS }])
    given([replicaCreated, rotationOn]).when(sync(noRotation)).then([{ _tag: "KeyRotationDisabled", at: T0 + 2 }])
    given([replicaCreated]).when(sync(noRotation)).then([])
  })
  it("never rotates a replica on schedule, and does not wake the scheduler for it", () => {
    given([replicaCreated, rotationOn]).when(tick(T0 + 100 * DAY_MS)).then([])
    assert.strictEqual(keyDueAt(fold([replicaCreated, rotationOn])), null)
  })
  it("rotates a replica on schedule once it has become the primary", () => {
    const promoted = membership(T0 + 3, REPLICA, [PRIMARY])
    assert.strictEqual(keyDueAt(fold([replicaCreated, rotationOn, promoted])), T0 + 92 * DAY_MS)
    given([replicaCreated, rotationOn, promoted]).when(tick(T0 + 100 * DAY_MS)).then([{
      _tag: "KeyRotated", at: T0 + 100 * DAY_MS, rotationType: "AUTOMATIC", material: material(7), nextRotationAt: T0 + 190 * DAY_MS
    }])
    given([replicaCreated, promoted]).when({ _tag: "EnableKeyRotation", now: T0 + 4 }).thenEvents((events) => assert.strictEqual(events.length, 1))
  })
  it("stops rotating a primary on schedule once it has become a replica", () => {
    const demoted = membership(T0 + 3, REPLICA, [PRIMARY])
    given([primaryCreated, withReplica, rotationOn]).when(tick(T0 + 100 * DAY_MS)).thenEvents((events) => assert.strictEqual(events.length, 1))
    given([primaryCreated, withReplica, rotationOn, demoted]).when(tick(T0 + 100 * DAY_MS)).then([])
    assert.strictEqual(keyDueAt(fold([primaryCreated, withReplica, rotationOn, demoted])), null)
  })
})
