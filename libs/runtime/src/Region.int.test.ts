import { assert, describe, it } from "vitest"
import { Effect, Layer } from "effect"
import { Region } from "./Region.ts"
import { inEmbeddedRegion, quiet, regionOptions, utf8, withTempDir } from "./regionFixtures.test-support.ts"

const decryptsTo = (blob: Uint8Array, expected: string, context?: Record<string, string>) =>
  Effect.gen(function*() {
    const region = yield* Region
    const { plaintext } = yield* region.decrypt({ ciphertextBlob: blob, encryptionContext: context })
    assert.strictEqual(new TextDecoder().decode(plaintext.unsafeBytes()), expected)
  })

describe("a Region on the embedded store", () => {
  it("decrypts, after a restart on the same files, everything encrypted before — across rotations", () =>
    withTempDir(async (dir) => {
      const first = await Effect.runPromise(inEmbeddedRegion(dir, Effect.gen(function*() {
        const region = yield* Region
        const key = yield* region.createKey({ description: "restart test" })
        yield* region.createAlias({ aliasName: "alias/restart", targetKeyId: key.keyId })
        const before = yield* region.encrypt({ keyId: "alias/restart", plaintext: utf8("before rotation"), encryptionContext: { app: "test" } })
        yield* region.rotateKeyOnDemand({ keyId: key.keyId })
        const after = yield* region.encrypt({ keyId: key.arn, plaintext: utf8("after rotation") })
        const dataKey = yield* region.generateDataKey({ keyId: key.keyId, keySpec: "AES_256" })
        return { keyId: key.keyId, before: before.ciphertextBlob, after: after.ciphertextBlob, dataKey }
      })))
      await Effect.runPromise(inEmbeddedRegion(dir, Effect.gen(function*() {
        const region = yield* Region
        yield* decryptsTo(first.before, "before rotation", { app: "test" })
        yield* decryptsTo(first.after, "after rotation")
        const { plaintext } = yield* region.decrypt({ ciphertextBlob: first.dataKey.ciphertextBlob })
        assert.isTrue(plaintext.equals(first.dataKey.plaintext))
        const described = yield* region.describeKey({ keyId: "alias/restart" })
        assert.strictEqual(described.keyId, first.keyId)
        assert.strictEqual(described.description, "restart test")
        const rotations = yield* region.listKeyRotations({ keyId: first.keyId })
        assert.strictEqual(rotations.items.length, 1)
      })))
    }))
})

describe("the root key", () => {
  it("refuses to start a Region whose keyvault was made under another root key", () =>
    withTempDir(async (dir) => {
      await Effect.runPromise(inEmbeddedRegion(dir, Effect.flatMap(Region, (region) => region.createKey({}))))
      const other = Buffer.alloc(32, 9).toString("base64")
      const started = await Effect.runPromise(Effect.result(Effect.scoped(Effect.provide(
        Effect.void,
        Layer.merge(Region.layerEmbedded({ ...regionOptions, dataDir: dir, env: { TRENT_ROOT_KEY: other } }), quiet)
      ))))
      assert.strictEqual(started._tag, "Failure")
      if (started._tag === "Failure") assert.match(String((started.failure as { message: string }).message), /root key does not match/)
    }))
})
