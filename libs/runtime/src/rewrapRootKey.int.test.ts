import { assert, describe, it } from "@effect/vitest"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { SecretBytes, WebCrypto } from "@trent/crypto"
import { Keyvault, softwareRootKey } from "@trent/event-log"
import { Effect, Layer } from "effect"
import { Region } from "./Region.ts"
import { asTest, quiet, regionOptions } from "./regionFixtures.test-support.ts"
import { rewrapRootKey } from "@trent/key-actors"

const keyA = SecretBytes.copy(new Uint8Array(32).fill(1))
const keyB = SecretBytes.copy(new Uint8Array(32).fill(2))
const envOf = (key: SecretBytes) => ({ TRENT_ROOT_KEY: Buffer.from(key.unsafeBytes()).toString("base64") })

const started = <A, E>(dir: string, key: SecretBytes, program: Effect.Effect<A, E, Region>) =>
  Effect.scoped(Effect.provide(program, Layer.merge(Region.layerEmbedded({ ...regionOptions, dataDir: dir, env: envOf(key) }), quiet))).pipe(asTest)

const rewrap = (dir: string, from: SecretBytes, to: SecretBytes) =>
  Effect.scoped(Effect.provide(
    rewrapRootKey(regionOptions.region, softwareRootKey(from), softwareRootKey(to)),
    Layer.merge(Keyvault.layerSqlite({ file: join(dir, regionOptions.region, "keyvault.db") }), WebCrypto.layer)
  ))

describe("rewrapRootKey", () => {
  it.live("moves every KEK, the audit signing key and the canary to the new root key: old ciphertexts decrypt under it, the old key is refused", () =>
    Effect.gen(function*() {
      const dir = mkdtempSync(join(tmpdir(), "trent-rewrap-"))
      const blobs = yield* started(dir, keyA, Effect.gen(function*() {
        const region = yield* Region
        const out: Array<Uint8Array> = []
        for (let n = 0; n < 3; n++) {
          const key = yield* region.createKey({})
          out.push((yield* region.encrypt({ keyId: key.keyId, plaintext: Uint8Array.of(n) })).ciphertextBlob)
        }
        return out
      }))
      const first = yield* rewrap(dir, keyA, keyB)
      // Three KEKs, the audit signing key and the canary.
      assert.deepStrictEqual(first, { rewrapped: 5, alreadyUnderNewKey: 0, notUnderRootKey: 0 })
      const again = yield* rewrap(dir, keyA, keyB)
      assert.deepStrictEqual(again, { rewrapped: 0, alreadyUnderNewKey: 5, notUnderRootKey: 0 })
      const plaintexts = yield* started(dir, keyB, Effect.gen(function*() {
        const region = yield* Region
        return yield* Effect.forEach(blobs, (ciphertextBlob) => Effect.map(region.decrypt({ ciphertextBlob }), (out) => [...out.plaintext.unsafeBytes()]))
      }))
      assert.deepStrictEqual(plaintexts, [[0], [1], [2]])
      const refused = yield* Effect.flip(started(dir, keyA, Effect.void))
      assert.match(String((refused as { message?: unknown }).message), /root key does not match/)
    }))

  it.live("refuses an entry that opens under neither key, leaving it as it was", () =>
    Effect.gen(function*() {
      const dir = mkdtempSync(join(tmpdir(), "trent-rewrap-"))
      yield* started(dir, keyA, Effect.flatMap(Region, (region) => region.createKey({})))
      const other = SecretBytes.copy(new Uint8Array(32).fill(3))
      const refused = yield* Effect.flip(rewrap(dir, other, keyB))
      assert.strictEqual(refused._tag, "RewrapRefused")
      assert.match(refused.message, /opens under neither root key/)
      // Nothing moved: the Region still starts on its own key.
      yield* started(dir, keyA, Effect.void)
    }))
})
