import { Effect } from "effect"
import { assert, describe, it } from "vitest"
import { Region } from "./Region.ts"
import { inEmbeddedRegion, withTempDir } from "./regionFixtures.test-support.ts"

describe("AWS managed keys", () => {
  it("alias/aws/<service> names a key created on first use: KeyManager AWS, AWS's policy and description, yearly rotation", () =>
    withTempDir(async (dir) => {
      const first = await Effect.runPromise(inEmbeddedRegion(dir, Effect.gen(function*() {
        const region = yield* Region
        const key = yield* region.describeKey({ keyId: "alias/aws/s3" })
        const again = yield* region.describeKey({ keyId: "alias/aws/s3" })
        const policy = JSON.parse((yield* region.getKeyPolicy({ keyId: key.keyId })).policy)
        const rotation = yield* region.getKeyRotationStatus({ keyId: key.keyId })
        return { key, again, policy, rotation }
      })))
      assert.strictEqual(first.key.keyManager, "AWS")
      assert.strictEqual(first.again.keyId, first.key.keyId)
      assert.strictEqual(first.key.description, "Default key that protects my S3 objects when no other key is defined")
      assert.strictEqual(first.policy.Statement[0].Condition.StringEquals["kms:ViaService"], "s3.eu-west-1.amazonaws.com")
      assert.strictEqual(first.policy.Statement[1].Principal.AWS, "arn:aws:iam::111122223333:root")
      assert.deepStrictEqual(first.rotation, { ...first.rotation, keyRotationEnabled: true, rotationPeriodInDays: 365 })
      // After a restart, and in any other process on the same store, the alias names the same key.
      const later = await Effect.runPromise(inEmbeddedRegion(dir, Effect.gen(function*() {
        const region = yield* Region
        const listed = yield* region.listAliases({})
        return { key: yield* region.describeKey({ keyId: "alias/aws/s3" }), listed, keys: (yield* region.listKeys({})).items }
      })))
      assert.strictEqual(later.key.keyId, first.key.keyId)
      assert.deepStrictEqual(later.keys.map((k) => k.keyId), [first.key.keyId])
      const s3 = later.listed.items.find((a) => a.aliasName === "alias/aws/s3")!
      assert.strictEqual(s3.targetKeyId, first.key.keyId)
      const ebs = later.listed.items.find((a) => a.aliasName === "alias/aws/ebs")!
      assert.deepStrictEqual(ebs, {
        aliasName: "alias/aws/ebs",
        aliasArn: "arn:aws:kms:eu-west-1:111122223333:alias/aws/ebs",
        targetKeyId: undefined,
        creationDate: undefined,
        lastUpdatedDate: undefined
      })
      const names = later.listed.items.map((a) => a.aliasName)
      assert.deepStrictEqual(names, [...names].sort())
    }))

  it("an alias/aws/ name that is no AWS service is not found, and the reserved aliases cannot be retargeted or deleted", () =>
    withTempDir(async (dir) => {
      const outcome = await Effect.runPromise(inEmbeddedRegion(dir, Effect.gen(function*() {
        const region = yield* Region
        const unknown = yield* Effect.flip(region.describeKey({ keyId: "alias/aws/nonsense" }))
        const mine = yield* region.createKey({})
        yield* region.describeKey({ keyId: "alias/aws/ebs" })
        const update = yield* Effect.flip(region.updateAlias({ aliasName: "alias/aws/ebs", targetKeyId: mine.keyId }))
        const remove = yield* Effect.flip(region.deleteAlias({ aliasName: "alias/aws/ebs" }))
        const create = yield* Effect.flip(region.createAlias({ aliasName: "alias/aws/ebs2", targetKeyId: mine.keyId }))
        return { unknown, update, remove, create, still: (yield* region.describeKey({ keyId: "alias/aws/ebs" })).keyManager }
      })))
      assert.strictEqual(outcome.unknown._tag, "KeyNotFound")
      assert.strictEqual(outcome.unknown.message, "Alias arn:aws:kms:eu-west-1:111122223333:alias/aws/nonsense is not found.")
      assert.strictEqual(outcome.update._tag, "AliasReserved")
      assert.strictEqual(outcome.remove._tag, "AliasReserved")
      assert.strictEqual(outcome.create._tag, "AliasReserved")
      assert.strictEqual(outcome.still, "AWS")
    }))
})
