import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import * as fc from "fast-check"
import { assert, describe, it } from "vitest"
import { Effect } from "effect"
import { checkProperty } from "@trent/testing"
import { unwrapKeyMaterial, WebCrypto } from "@trent/crypto"
import { KeyActors } from "@trent/key-actors"
import { KeyMaterials, materialBinding } from "@trent/key-actors"
import { Region } from "./Region.ts"
import { asTest, inEmbeddedRegion, testRootKey, utf8, withTempDir } from "./regionFixtures.test-support.ts"

/** Every file of the Region's stores, WAL and shared-memory files included. */
const storeFiles = (dir: string): Array<Buffer> => {
  const regionDir = join(dir, "eu-west-1")
  return readdirSync(regionDir).filter((f) => /\.db(-wal|-shm)?$/.test(f)).map((f) => readFileSync(join(regionDir, f)))
}

/** The secret in raw form, and the encodings a careless serializer might use. */
const encodings = (secret: Uint8Array): Array<Buffer> => {
  const raw = Buffer.from(secret)
  return [raw, Buffer.from(raw.toString("base64")), Buffer.from(raw.toString("base64url")), Buffer.from(raw.toString("hex"))]
}

const assertAbsent = (files: Array<Buffer>, secrets: Array<Uint8Array>) => {
  for (const secret of secrets) {
    for (const form of encodings(secret)) {
      for (const file of files) assert.strictEqual(file.indexOf(form), -1, "a secret appears in a store file")
    }
  }
}

describe("key material at rest", () => {
  it("never stores plaintext key material, KEKs, data keys or the root key in the SQLite files (WAL included)", () =>
    withTempDir(async (dir) => {
      const secrets = await Effect.runPromise(inEmbeddedRegion(dir, Effect.gen(function*() {
        const region = yield* Region
        const actors = yield* KeyActors
        const keyMaterials = yield* KeyMaterials
        /** The key's KEK and every material version in clear, recovered the way the actor does it. */
        const secretsOf = (keyId: string) =>
          Effect.gen(function*() {
              const kek = yield* keyMaterials.kek(keyId)
              const { state } = yield* actors.view(keyId)
              const versions = state.status === "Absent" ? [] : state.key.versions
              const materials = yield* Effect.forEach(versions, (version) =>
                unwrapKeyMaterial(kek, version.wrapped, materialBinding("eu-west-1", keyId, version.materialId, "SYMMETRIC_DEFAULT")))
              return [Uint8Array.from(kek.unsafeBytes()), ...materials.map((m) => Uint8Array.from(m.unsafeBytes()))]
            }).pipe(Effect.provide(WebCrypto.layer), Effect.orDie)
        const found: Array<Uint8Array> = [testRootKey.unsafeBytes()]
        for (let i = 0; i < 3; i++) {
          const key = yield* region.createKey({ description: `k${i}` })
          yield* region.rotateKeyOnDemand({ keyId: key.keyId })
          const dataKey = yield* region.generateDataKey({ keyId: key.keyId, numberOfBytes: 32 })
          found.push(Uint8Array.from(dataKey.plaintext.unsafeBytes()))
          const opened = yield* region.decrypt({ ciphertextBlob: dataKey.ciphertextBlob })
          found.push(Uint8Array.from(opened.plaintext.unsafeBytes()))
          found.push(...(yield* secretsOf(key.keyId)))
        }
        const doomed = yield* region.createKey({})
        yield* region.encrypt({ keyId: doomed.keyId, plaintext: utf8("x") })
        found.push(...(yield* secretsOf(doomed.keyId)))
        assert.isAtLeast(found.length, 1 + 3 * 5)
        assertAbsent(storeFiles(dir), found)
        return found
      })))
      assert.isTrue(existsSync(join(dir, "eu-west-1", "events.db")))
      assertAbsent(storeFiles(dir), secrets)
    }))
})

describe("tampering", () => {
  it("rejects any single-bit flip of a Region's ciphertext blob, and any change to its encryption context", () =>
    withTempDir((dir) =>
      Effect.runPromise(inEmbeddedRegion(dir, Effect.gen(function*() {
        const region = yield* Region
        const key = yield* region.createKey({})
        const run = <A>(effect: Effect.Effect<A, unknown>) => Effect.runPromise(Effect.result(asTest(effect)))
        yield* Effect.promise(() =>
          checkProperty(
            "Region rejects tampered ciphertext",
            fc.asyncProperty(
              fc.uint8Array({ minLength: 1, maxLength: 256 }),
              fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 4 }),
              fc.nat(),
              fc.oneof(fc.constant("flip" as const), fc.constant("context" as const)),
              fc.string({ minLength: 1, maxLength: 8 }),
              async (plaintext, context, position, tamper, extra) => {
                const sealed = await run(region.encrypt({ keyId: key.keyId, plaintext, encryptionContext: context }))
                if (sealed._tag !== "Success") throw new Error("encrypt failed")
                const blob = Uint8Array.from(sealed.success.ciphertextBlob)
                let changedContext: Record<string, string> = context
                if (tamper === "flip") {
                  const bit = position % (blob.length * 8)
                  blob[bit >> 3] = blob[bit >> 3]! ^ (1 << (bit & 7))
                } else {
                  const keys = Object.keys(context)
                  changedContext = keys.length > 0 && position % 2 === 0
                    ? { ...context, [keys[position % keys.length]!]: `${context[keys[position % keys.length]!]}${extra}` }
                    : { ...context, [`${extra}\u0000`]: extra }
                }
                const opened = await run(region.decrypt({ ciphertextBlob: blob, encryptionContext: changedContext }))
                assert.strictEqual(opened._tag, "Failure")
                if (opened._tag === "Failure") assert.strictEqual((opened.failure as { _tag: string })._tag, "InvalidCiphertext")
              }
            )
          )
        )
      })))
    ))
})
