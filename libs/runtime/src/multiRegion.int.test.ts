import { assert, describe, it } from "@effect/vitest"
import { DAY_MS } from "@trent/domain"
import { Duration, Effect } from "effect"
import { TestClock } from "effect/testing"
import { regionGroup } from "./regionGroup.test-support.ts"
import { utf8 } from "./regionFixtures.test-support.ts"

const settle = TestClock.withLive(Effect.sleep(Duration.millis(50)))
const advance = (ms: number) => Effect.andThen(TestClock.adjust(ms), settle)
const failure = <A, E extends { _tag: string; message?: string }>(effect: Effect.Effect<A, E>) =>
  Effect.flip(effect).pipe(Effect.map((e) => ({ tag: e._tag, message: e.message ?? "" })))

describe("multi-Region keys across Regions of one deployment", () => {
  it.effect("replicates a key: same id and material, its own metadata; ciphertext crosses Regions, a single-Region key's does not", () =>
    Effect.scoped(Effect.gen(function*() {
      const region = yield* regionGroup(["eu-west-1", "us-east-1", "ap-south-1"])
      const west = region("eu-west-1")
      const east = region("us-east-1")
      const key = yield* west.createKey({ multiRegion: true, description: "primary" })
      assert.match(key.keyId, /^mrk-[0-9a-f]{32}$/)
      assert.strictEqual(key.multiRegionConfiguration?.multiRegionKeyType, "PRIMARY")
      assert.deepStrictEqual(key.multiRegionConfiguration?.replicaKeys, [])
      const replicated = yield* west.replicateKey({ keyId: key.keyId, replicaRegion: "us-east-1", description: "replica", tags: [{ tagKey: "r", tagValue: "east" }] })
      assert.strictEqual(replicated.replicaKeyMetadata.keyState, "Creating")
      assert.strictEqual(replicated.replicaKeyMetadata.currentKeyMaterialId, undefined)
      assert.strictEqual(replicated.replicaKeyMetadata.arn, `arn:aws:kms:us-east-1:111122223333:key/${key.keyId}`)
      assert.deepStrictEqual(replicated.replicaTags, [{ tagKey: "r", tagValue: "east" }])
      const replica = yield* east.describeKey({ keyId: key.keyId })
      assert.strictEqual(replica.keyState, "Enabled")
      assert.strictEqual(replica.description, "replica")
      assert.strictEqual(replica.currentKeyMaterialId, key.currentKeyMaterialId)
      assert.strictEqual(replica.multiRegionConfiguration?.multiRegionKeyType, "REPLICA")
      assert.strictEqual(replica.multiRegionConfiguration?.primaryKey.region, "eu-west-1")
      const primary = yield* west.describeKey({ keyId: key.keyId })
      assert.deepStrictEqual(primary.multiRegionConfiguration?.replicaKeys.map((r) => r.region), ["us-east-1"])

      const sealed = yield* west.encrypt({ keyId: key.keyId, plaintext: utf8("across"), encryptionContext: { a: "b" } })
      const opened = yield* east.decrypt({ ciphertextBlob: sealed.ciphertextBlob, encryptionContext: { a: "b" } })
      assert.deepStrictEqual(opened.plaintext.unsafeBytes(), utf8("across"))
      const back = yield* east.encrypt({ keyId: key.keyId, plaintext: utf8("back") })
      assert.deepStrictEqual((yield* west.decrypt({ ciphertextBlob: back.ciphertextBlob })).plaintext.unsafeBytes(), utf8("back"))

      const single = yield* west.createKey({})
      const singleBlob = yield* west.encrypt({ keyId: single.keyId, plaintext: utf8("stays") })
      assert.strictEqual((yield* failure(east.decrypt({ ciphertextBlob: singleBlob.ciphertextBlob }))).tag, "InvalidCiphertext")
      assert.strictEqual((yield* failure(west.replicateKey({ keyId: single.keyId, replicaRegion: "us-east-1" }))).tag, "UnsupportedOperation")
      assert.strictEqual((yield* failure(west.replicateKey({ keyId: key.keyId, replicaRegion: "us-east-1" }))).tag, "ResourceAlreadyExists")
      assert.strictEqual((yield* failure(west.replicateKey({ keyId: key.keyId, replicaRegion: "eu-west-1" }))).tag, "ResourceAlreadyExists")
      assert.strictEqual((yield* failure(west.replicateKey({ keyId: key.keyId, replicaRegion: "sa-east-1" }))).tag, "InvalidRequest")
      assert.deepStrictEqual(yield* failure(east.replicateKey({ keyId: key.keyId, replicaRegion: "ap-south-1" })), {
        tag: "UnsupportedOperation",
        message: `arn:aws:kms:us-east-1:111122223333:key/${key.keyId} is not a multi-region primary key.`
      })

      // A third member learns the whole membership; the others learn of it.
      yield* west.replicateKey({ keyId: key.keyId, replicaRegion: "ap-south-1" })
      const south = yield* region("ap-south-1").describeKey({ keyId: key.keyId })
      assert.deepStrictEqual(south.multiRegionConfiguration?.replicaKeys.map((r) => r.region), ["us-east-1", "ap-south-1"])
      assert.deepStrictEqual(
        (yield* east.describeKey({ keyId: key.keyId })).multiRegionConfiguration?.replicaKeys.map((r) => r.region),
        ["us-east-1", "ap-south-1"]
      )
    })))

  it.effect("rotation of the primary reaches every replica; replicas refuse to rotate; a disabled replica is its own", () =>
    Effect.scoped(Effect.gen(function*() {
      const region = yield* regionGroup(["eu-west-1", "us-east-1"])
      const west = region("eu-west-1")
      const east = region("us-east-1")
      const key = yield* west.createKey({ multiRegion: true })
      yield* west.replicateKey({ keyId: key.keyId, replicaRegion: "us-east-1" })
      const before = yield* east.encrypt({ keyId: key.keyId, plaintext: utf8("before") })
      yield* west.rotateKeyOnDemand({ keyId: key.keyId })
      const rotated = yield* west.describeKey({ keyId: key.keyId })
      assert.notStrictEqual(rotated.currentKeyMaterialId, key.currentKeyMaterialId)
      assert.strictEqual((yield* east.describeKey({ keyId: key.keyId })).currentKeyMaterialId, rotated.currentKeyMaterialId)
      const after = yield* west.encrypt({ keyId: key.keyId, plaintext: utf8("after") })
      assert.deepStrictEqual((yield* east.decrypt({ ciphertextBlob: after.ciphertextBlob })).plaintext.unsafeBytes(), utf8("after"))
      assert.deepStrictEqual((yield* west.decrypt({ ciphertextBlob: before.ciphertextBlob })).plaintext.unsafeBytes(), utf8("before"))
      assert.strictEqual((yield* failure(east.rotateKeyOnDemand({ keyId: key.keyId }))).tag, "UnsupportedOperation")
      assert.strictEqual((yield* failure(east.enableKeyRotation({ keyId: key.keyId }))).tag, "UnsupportedOperation")

      yield* west.enableKeyRotation({ keyId: key.keyId, rotationPeriodInDays: 90 })
      const status = yield* east.getKeyRotationStatus({ keyId: key.keyId })
      assert.isTrue(status.keyRotationEnabled)
      assert.strictEqual(status.rotationPeriodInDays, 90)
      yield* advance(91 * DAY_MS)
      const westRotations = (yield* west.listKeyRotations({ keyId: key.keyId })).items
      const eastRotations = (yield* east.listKeyRotations({ keyId: key.keyId })).items
      assert.deepStrictEqual(westRotations.map((r) => r.rotationType), ["ON_DEMAND", "AUTOMATIC"])
      assert.deepStrictEqual(eastRotations.map((r) => r.keyMaterialId), westRotations.map((r) => r.keyMaterialId))

      yield* east.disableKey({ keyId: key.keyId })
      assert.strictEqual((yield* failure(east.encrypt({ keyId: key.keyId, plaintext: utf8("x") }))).tag, "KeyDisabled")
      yield* west.encrypt({ keyId: key.keyId, plaintext: utf8("primary still works") })
    })))

  it.effect("moves the primary; deleting the primary waits for its replicas (PendingReplicaDeletion)", () =>
    Effect.scoped(Effect.gen(function*() {
      const region = yield* regionGroup(["eu-west-1", "us-east-1"])
      const west = region("eu-west-1")
      const east = region("us-east-1")
      const key = yield* west.createKey({ multiRegion: true })
      yield* west.replicateKey({ keyId: key.keyId, replicaRegion: "us-east-1" })
      assert.strictEqual((yield* failure(west.updatePrimaryRegion({ keyId: key.keyId, primaryRegion: "ap-south-1" }))).tag, "KeyNotFound")
      yield* west.updatePrimaryRegion({ keyId: key.keyId, primaryRegion: "us-east-1" })
      assert.strictEqual((yield* east.describeKey({ keyId: key.keyId })).multiRegionConfiguration?.multiRegionKeyType, "PRIMARY")
      const westNow = yield* west.describeKey({ keyId: key.keyId })
      assert.strictEqual(westNow.multiRegionConfiguration?.multiRegionKeyType, "REPLICA")
      assert.deepStrictEqual(westNow.multiRegionConfiguration?.replicaKeys.map((r) => r.region), ["eu-west-1"])
      yield* east.rotateKeyOnDemand({ keyId: key.keyId })
      assert.strictEqual(
        (yield* west.describeKey({ keyId: key.keyId })).currentKeyMaterialId,
        (yield* east.describeKey({ keyId: key.keyId })).currentKeyMaterialId
      )

      const scheduled = yield* east.scheduleKeyDeletion({ keyId: key.keyId, pendingWindowInDays: 7 })
      assert.strictEqual(scheduled.keyState, "PendingReplicaDeletion")
      assert.isUndefined(scheduled.deletionDate)
      const waiting = yield* east.describeKey({ keyId: key.keyId })
      assert.strictEqual(waiting.keyState, "PendingReplicaDeletion")
      assert.strictEqual(waiting.pendingDeletionWindowInDays, 7)
      assert.strictEqual((yield* failure(east.encrypt({ keyId: key.keyId, plaintext: utf8("x") }))).message, `${waiting.arn} is pending replica deletion.`)

      yield* west.scheduleKeyDeletion({ keyId: key.keyId, pendingWindowInDays: 7 })
      yield* advance(7 * DAY_MS + 60_000)
      assert.strictEqual((yield* failure(west.describeKey({ keyId: key.keyId }))).tag, "KeyNotFound")
      const primary = yield* east.describeKey({ keyId: key.keyId })
      assert.strictEqual(primary.keyState, "PendingDeletion")
      assert.deepStrictEqual(primary.multiRegionConfiguration?.replicaKeys, [])
      assert.isDefined(primary.deletionDate)
      yield* advance(7 * DAY_MS + 60_000)
      assert.strictEqual((yield* failure(east.describeKey({ keyId: key.keyId }))).tag, "KeyNotFound")
    })))

  it.effect("heals: a rotation that did not reach a replica arrives with the next one, in order; an unrecorded replica is adopted", () =>
    Effect.scoped(Effect.gen(function*() {
      const unreachable = new Set<string>()
      const region = yield* regionGroup(["eu-west-1", "us-east-1"], unreachable)
      const west = region("eu-west-1")
      const east = region("us-east-1")
      const key = yield* west.createKey({ multiRegion: true })
      yield* west.replicateKey({ keyId: key.keyId, replicaRegion: "us-east-1" })
      unreachable.add("us-east-1")
      yield* west.rotateKeyOnDemand({ keyId: key.keyId })
      const missed = yield* west.encrypt({ keyId: key.keyId, plaintext: utf8("missed") })
      unreachable.delete("us-east-1")
      assert.strictEqual((yield* failure(east.decrypt({ ciphertextBlob: missed.ciphertextBlob }))).tag, "InvalidCiphertext")
      yield* advance(1000)
      yield* west.rotateKeyOnDemand({ keyId: key.keyId })
      const westRotations = (yield* west.listKeyRotations({ keyId: key.keyId })).items.map((r) => r.keyMaterialId)
      const eastRotations = (yield* east.listKeyRotations({ keyId: key.keyId })).items.map((r) => r.keyMaterialId)
      assert.deepStrictEqual(eastRotations, westRotations)
      assert.strictEqual(
        (yield* east.describeKey({ keyId: key.keyId })).currentKeyMaterialId,
        (yield* west.describeKey({ keyId: key.keyId })).currentKeyMaterialId
      )
      assert.deepStrictEqual((yield* east.decrypt({ ciphertextBlob: missed.ciphertextBlob })).plaintext.unsafeBytes(), utf8("missed"))

      // A replica made by a ReplicateKey that stopped before the primary recorded it.
      const other = yield* west.createKey({ multiRegion: true })
      yield* east.replication.createReplica({
        keyId: other.keyId,
        primaryRegion: "eu-west-1",
        replicaRegions: ["us-east-1"],
        keySpec: "SYMMETRIC_DEFAULT",
        keyUsage: "ENCRYPT_DECRYPT",
        origin: "AWS_KMS",
        description: "orphan",
        policy: undefined,
        bypassPolicyLockoutSafetyCheck: false,
        tags: [],
        versions: [],
        rotation: { enabled: false, periodInDays: undefined, nextRotationAt: undefined }
      })
      const adopted = yield* west.replicateKey({ keyId: other.keyId, replicaRegion: "us-east-1" })
      assert.strictEqual(adopted.replicaKeyMetadata.description, "orphan")
      assert.deepStrictEqual(
        (yield* west.describeKey({ keyId: other.keyId })).multiRegionConfiguration?.replicaKeys.map((r) => r.region),
        ["us-east-1"]
      )
      const sealed = yield* west.encrypt({ keyId: other.keyId, plaintext: utf8("adopted") })
      assert.deepStrictEqual((yield* east.decrypt({ ciphertextBlob: sealed.ciphertextBlob })).plaintext.unsafeBytes(), utf8("adopted"))
    })))

  it("heals an UpdatePrimaryRegion cut short: the old primary steps down at its next change", () =>
    Effect.scoped(Effect.gen(function*() {
      const region = yield* regionGroup(["eu-west-1", "us-east-1"])
      const west = region("eu-west-1")
      const east = region("us-east-1")
      const key = yield* west.createKey({ multiRegion: true })
      yield* west.replicateKey({ keyId: key.keyId, replicaRegion: "us-east-1" })
      // The promotion reached the new primary, then stopped before the old one recorded it.
      yield* east.replication.applyConfiguration(key.keyId, { primaryRegion: "us-east-1", replicaRegions: ["eu-west-1"] })
      assert.strictEqual((yield* west.describeKey({ keyId: key.keyId })).multiRegionConfiguration?.multiRegionKeyType, "PRIMARY")
      yield* west.rotateKeyOnDemand({ keyId: key.keyId })
      const westNow = yield* west.describeKey({ keyId: key.keyId })
      assert.strictEqual(westNow.multiRegionConfiguration?.multiRegionKeyType, "REPLICA")
      assert.strictEqual(westNow.multiRegionConfiguration?.primaryKey.region, "us-east-1")
      // The rotation made before stepping down reached the new primary: ciphertext under it decrypts there.
      assert.strictEqual((yield* east.describeKey({ keyId: key.keyId })).currentKeyMaterialId, westNow.currentKeyMaterialId)
      const sealed = yield* west.encrypt({ keyId: key.keyId, plaintext: utf8("after") })
      assert.deepStrictEqual((yield* east.decrypt({ ciphertextBlob: sealed.ciphertextBlob })).plaintext.unsafeBytes(), utf8("after"))
      assert.strictEqual((yield* failure(west.rotateKeyOnDemand({ keyId: key.keyId }))).tag, "UnsupportedOperation")
    })))

  it("replicates again into a Region whose replica was deleted: a new replica on the same stream, with fresh material copies", () =>
    Effect.scoped(Effect.gen(function*() {
      const region = yield* regionGroup(["eu-west-1", "us-east-1"])
      const west = region("eu-west-1")
      const east = region("us-east-1")
      const key = yield* west.createKey({ multiRegion: true })
      yield* west.replicateKey({ keyId: key.keyId, replicaRegion: "us-east-1", description: "first" })
      yield* east.scheduleKeyDeletion({ keyId: key.keyId, pendingWindowInDays: 7 })
      yield* advance(7 * DAY_MS + 60_000)
      assert.strictEqual((yield* failure(east.describeKey({ keyId: key.keyId }))).tag, "KeyNotFound")
      assert.deepStrictEqual((yield* west.describeKey({ keyId: key.keyId })).multiRegionConfiguration?.replicaKeys, [])
      const sealed = yield* west.encrypt({ keyId: key.keyId, plaintext: utf8("again") })
      assert.strictEqual((yield* failure(east.decrypt({ ciphertextBlob: sealed.ciphertextBlob }))).tag, "InvalidCiphertext")

      yield* west.replicateKey({ keyId: key.keyId, replicaRegion: "us-east-1", description: "second" })
      const again = yield* east.describeKey({ keyId: key.keyId })
      assert.strictEqual(again.keyState, "Enabled")
      assert.strictEqual(again.description, "second")
      assert.deepStrictEqual((yield* east.decrypt({ ciphertextBlob: sealed.ciphertextBlob })).plaintext.unsafeBytes(), utf8("again"))
    })))
})
