import { rmSync } from "node:fs"
import { join } from "node:path"
import { SecretBytes } from "@trent/crypto"
import { Effect } from "effect"
import { assert, describe, it } from "vitest"
import { Region } from "./Region.ts"
import { inEmbeddedRegion, regionOptions, utf8, withTempDir } from "./regionFixtures.test-support.ts"
import type { SeedKey } from "./seedOperations.ts"

const seed: SeedKey = {
  keyId: "11111111-2222-4333-8444-555555555555",
  keySpec: "SYMMETRIC_DEFAULT",
  keyUsage: "ENCRYPT_DECRYPT",
  description: "seeded",
  policy: undefined,
  tags: [{ tagKey: "team", tagValue: "payments" }],
  material: undefined
}
const fixed = (byte: number) => SecretBytes.copy(new Uint8Array(32).fill(byte))

describe("seeding a key", () => {
  it("creates the key with the seed's id, description and tags, then leaves it as it is on every later start", () =>
    withTempDir(async (dir) => {
      const first = await Effect.runPromise(inEmbeddedRegion(dir, Effect.gen(function*() {
        const region = yield* Region
        assert.strictEqual(yield* region.seedKey(seed), "created")
        yield* region.updateKeyDescription({ keyId: seed.keyId, description: "changed by a user" })
        return (yield* region.encrypt({ keyId: seed.keyId, plaintext: utf8("kept") })).ciphertextBlob
      })))
      await Effect.runPromise(inEmbeddedRegion(dir, Effect.gen(function*() {
        const region = yield* Region
        assert.strictEqual(yield* region.seedKey(seed), "present")
        const key = yield* region.describeKey({ keyId: seed.keyId })
        assert.strictEqual(key.arn, `arn:aws:kms:${regionOptions.region}:${regionOptions.account}:key/${seed.keyId}`)
        assert.strictEqual(key.description, "changed by a user")
        assert.deepStrictEqual((yield* region.listResourceTags({ keyId: seed.keyId })).items, seed.tags)
        const { plaintext } = yield* region.decrypt({ ciphertextBlob: first })
        assert.strictEqual(new TextDecoder().decode(plaintext.unsafeBytes()), "kept")
        assert.strictEqual((yield* region.listKeys({})).items.length, 1)
      })))
    }))

  it("with fixed material, decrypts after the data directory is wiped and seeded again", () =>
    withTempDir(async (dir) => {
      const blob = await Effect.runPromise(inEmbeddedRegion(dir, Effect.gen(function*() {
        const region = yield* Region
        yield* region.seedKey({ ...seed, material: fixed(3) })
        return (yield* region.encrypt({ keyId: seed.keyId, plaintext: utf8("outlives a wipe") })).ciphertextBlob
      })))
      rmSync(join(dir, regionOptions.region), { recursive: true, force: true })
      const plaintext = await Effect.runPromise(inEmbeddedRegion(dir, Effect.gen(function*() {
        const region = yield* Region
        yield* region.seedKey({ ...seed, material: fixed(3) })
        return (yield* region.decrypt({ ciphertextBlob: blob })).plaintext
      })))
      assert.strictEqual(new TextDecoder().decode(plaintext.unsafeBytes()), "outlives a wipe")
      // Other material under the same id does not decrypt it.
      rmSync(join(dir, regionOptions.region), { recursive: true, force: true })
      const other = await Effect.runPromise(Effect.result(inEmbeddedRegion(dir, Effect.gen(function*() {
        const region = yield* Region
        yield* region.seedKey({ ...seed, material: fixed(4) })
        return yield* region.decrypt({ ciphertextBlob: blob })
      }))))
      assert.strictEqual(other._tag, "Failure")
    }))

  it("refuses a key id AWS would never give, and a usage the spec does not allow, in AWS's words", () =>
    withTempDir(async (dir) => {
      const refused = await Effect.runPromise(inEmbeddedRegion(dir, Effect.gen(function*() {
        const region = yield* Region
        const badId = yield* Effect.flip(region.seedKey({ ...seed, keyId: "my-key" }))
        const badUsage = yield* Effect.flip(region.seedKey({ ...seed, keyUsage: "SIGN_VERIFY" }))
        return { badId, badUsage, keys: (yield* region.listKeys({})).items.length }
      })))
      assert.strictEqual(refused.badId._tag, "InvalidRequest")
      assert.strictEqual(refused.badUsage._tag, "InvalidRequest")
      assert.match(refused.badUsage.message, /KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT/)
      assert.strictEqual(refused.keys, 0)
    }))
})
