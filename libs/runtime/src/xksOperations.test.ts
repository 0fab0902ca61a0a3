import { assert, describe, it } from "@effect/vitest"
import { checkProperty } from "@trent/testing"
import { Effect, Exit } from "effect"
import * as fc from "fast-check"
import { inRegionOn, memoryStore, onFreshStore } from "./conformance/index.test-support.ts"
import { Region } from "./Region.ts"
import type { RegionApi } from "./RegionApi.ts"
import { xksAad, type XksOpenInput, type XksSealed } from "./xksOperations.ts"

const inRegion = <A, E>(program: Effect.Effect<A, E, Region>) =>
  onFreshStore(memoryStore.prepare, (prepared) => inRegionOn(prepared, program))

const opening = (sealed: XksSealed, aad: Uint8Array | undefined): XksOpenInput => ({
  ciphertext: sealed.ciphertext,
  ciphertextMetadata: sealed.ciphertextMetadata,
  initializationVector: sealed.initializationVector,
  authenticationTag: sealed.authenticationTag,
  additionalAuthenticatedData: aad
})

const flip = (bytes: Uint8Array, bit: number) => {
  const copy = Uint8Array.from(bytes)
  if (copy.length > 0) copy[Math.floor(bit / 8) % copy.length]! ^= 1 << (bit % 8)
  return copy
}

const failureTag = (exit: Exit.Exit<unknown, { readonly _tag: string }>) =>
  Exit.isSuccess(exit) ? "Success" : exit.cause.reasons.find((r) => r._tag === "Fail")?.error._tag

const symmetricKey = (region: RegionApi) => Effect.map(region.createKey({}), (key) => key.keyId)

describe("the Region's keys through the XKS proxy API", () => {
  it("frames AAD and ciphertextMetadata with their lengths, so neither passes for the other (spec, Encrypt)", () => {
    assert.deepStrictEqual([...xksAad(new Uint8Array([9, 9]), new Uint8Array([1]))], [0, 2, 9, 9, 1, 1])
    assert.deepStrictEqual([...xksAad(undefined, new Uint8Array([9, 9]))], [0, 0, 2, 9, 9])
  })

  it.effect("decrypts what it encrypted, for any plaintext up to 4300 bytes and any AAD up to 8192 bytes", () =>
    inRegion(Effect.gen(function*() {
      const region = yield* Region
      const keyId = yield* symmetricKey(region)
      yield* Effect.promise(() =>
        checkProperty(
          "xks round trip",
          fc.asyncProperty(fc.uint8Array({ maxLength: 4300 }), fc.option(fc.uint8Array({ maxLength: 8192 }), { nil: undefined }), async (plaintext, aad) => {
            const sealed = await Effect.runPromise(region.xks.encrypt(keyId, plaintext, aad))
            assert.strictEqual(sealed.ciphertext.length, plaintext.length)
            assert.strictEqual(sealed.initializationVector.length, 12)
            assert.strictEqual(sealed.authenticationTag.length, 16)
            assert.isAtMost(sealed.ciphertextMetadata.length, 20)
            const opened = await Effect.runPromise(region.xks.decrypt(keyId, opening(sealed, aad)))
            assert.deepStrictEqual(opened.unsafeBytes(), plaintext)
          }),
          { numRuns: 60 }
        )
      )
    })))

  it.effect("refuses every single-bit change to ciphertext, IV, tag, AAD or ciphertextMetadata as InvalidCiphertext", () =>
    inRegion(Effect.gen(function*() {
      const region = yield* Region
      const keyId = yield* symmetricKey(region)
      yield* Effect.promise(() =>
        checkProperty(
          "xks tamper",
          fc.asyncProperty(
            fc.uint8Array({ minLength: 1, maxLength: 64 }),
            fc.uint8Array({ minLength: 1, maxLength: 64 }),
            fc.constantFrom("ciphertext", "initializationVector", "authenticationTag", "additionalAuthenticatedData", "ciphertextMetadata"),
            fc.nat(1024),
            async (plaintext, aad, field, bit) => {
              const sealed = await Effect.runPromise(region.xks.encrypt(keyId, plaintext, aad))
              const input = opening(sealed, aad)
              const tampered = { ...input, [field]: flip(input[field as keyof XksOpenInput]!, bit) }
              const exit = await Effect.runPromiseExit(region.xks.decrypt(keyId, tampered))
              assert.strictEqual(failureTag(exit), "InvalidCiphertext")
            }
          ),
          { numRuns: 100 }
        )
      )
    })))

  it.effect("refuses AAD moved into ciphertextMetadata, and ciphertext without the metadata it was made with", () =>
    inRegion(Effect.gen(function*() {
      const region = yield* Region
      const keyId = yield* symmetricKey(region)
      const sealed = yield* region.xks.encrypt(keyId, new Uint8Array([1, 2, 3]), undefined)
      const moved = { ...opening(sealed, sealed.ciphertextMetadata), ciphertextMetadata: undefined }
      assert.strictEqual(failureTag(yield* Effect.exit(region.xks.decrypt(keyId, moved))), "InvalidCiphertext")
    })))

  it.effect("decrypts ciphertext made before a rotation with the material that made it", () =>
    inRegion(Effect.gen(function*() {
      const region = yield* Region
      const keyId = yield* symmetricKey(region)
      const sealed = yield* region.xks.encrypt(keyId, new Uint8Array([4, 2]), undefined)
      yield* region.rotateKeyOnDemand({ keyId })
      const opened = yield* region.xks.decrypt(keyId, opening(sealed, undefined))
      assert.deepStrictEqual([...opened.unsafeBytes()], [4, 2])
    })))

  it.effect("reports a disabled key as DISABLED and refuses to use it (InvalidStateException in the spec's table)", () =>
    inRegion(Effect.gen(function*() {
      const region = yield* Region
      const keyId = yield* symmetricKey(region)
      const sealed = yield* region.xks.encrypt(keyId, new Uint8Array([1]), undefined)
      assert.deepStrictEqual(yield* region.xks.metadata(keyId), {
        keyArn: `arn:aws:kms:eu-west-1:111122223333:key/${keyId}`,
        keySpec: "AES_256",
        keyUsage: ["ENCRYPT", "DECRYPT"],
        keyStatus: "ENABLED"
      })
      yield* region.disableKey({ keyId })
      assert.strictEqual((yield* region.xks.metadata(keyId)).keyStatus, "DISABLED")
      assert.strictEqual(failureTag(yield* Effect.exit(region.xks.encrypt(keyId, new Uint8Array([1]), undefined))), "KeyInvalidState")
      assert.strictEqual(failureTag(yield* Effect.exit(region.xks.decrypt(keyId, opening(sealed, undefined)))), "KeyInvalidState")
    })))

  it.effect("refuses keys that are not AES-256 encryption keys (InvalidKeyUsageException) and unknown names (KeyNotFound)", () =>
    inRegion(Effect.gen(function*() {
      const region = yield* Region
      const hmac = yield* region.createKey({ keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" })
      assert.strictEqual(failureTag(yield* Effect.exit(region.xks.encrypt(hmac.keyId, new Uint8Array([1]), undefined))), "InvalidKeyUsage")
      assert.deepStrictEqual((yield* region.xks.metadata(hmac.keyId)).keyUsage, [])
      assert.strictEqual(failureTag(yield* Effect.exit(region.xks.metadata("alias/absent"))), "KeyNotFound")
    })))

  it.effect("names a key by alias", () =>
    inRegion(Effect.gen(function*() {
      const region = yield* Region
      const keyId = yield* symmetricKey(region)
      yield* region.createAlias({ aliasName: "alias/xks-orders", targetKeyId: keyId })
      const sealed = yield* region.xks.encrypt("alias/xks-orders", new Uint8Array([7]), undefined)
      assert.deepStrictEqual([...(yield* region.xks.decrypt(keyId, opening(sealed, undefined))).unsafeBytes()], [7])
    })))
})
