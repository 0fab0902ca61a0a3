import { assert, describe, it, layer } from "@effect/vitest"
import { checkProperty } from "@trent/testing"
import { Effect, Exit } from "effect"
import * as fc from "fast-check"
import { keyIdArbitrary } from "./KeyId.arbitrary.test-support.ts"
import { unwrapKeyMaterial, type WrapBinding, wrapKeyMaterial } from "./KeyMaterialWrapping.ts"
import { failureWithWebCrypto, runWithWebCrypto } from "./runWithWebCrypto.ts"
import { SecretBytes } from "./SecretBytes.ts"
import { WebCrypto } from "./WebCrypto.ts"

const kek = SecretBytes.adopt(new Uint8Array(32).fill(0x4b))
const material = SecretBytes.adopt(Uint8Array.from({ length: 32 }, (_, i) => 255 - i))
const binding: WrapBinding = {
  region: "eu-west-1",
  keyId: "1234abcd-12ab-34cd-56ef-1234567890ab",
  versionId: "ab".repeat(32),
  algorithm: "SYMMETRIC_DEFAULT"
}

const secretArbitrary = (minLength: number, maxLength: number) =>
  fc.uint8Array({ minLength, maxLength, size: "max" }).map(SecretBytes.adopt)
const fieldArbitrary = fc.string({ unit: "binary", maxLength: 24 })
const bindingArbitrary: fc.Arbitrary<WrapBinding> = fc.record({
  region: fc.oneof(fc.constantFrom("us-east-1", "eu-west-1", "ap-south-2"), fieldArbitrary),
  keyId: fc.oneof(keyIdArbitrary, fieldArbitrary),
  versionId: fieldArbitrary,
  algorithm: fc.oneof(fc.constantFrom("SYMMETRIC_DEFAULT", "HMAC_256", "RSA_2048"), fieldArbitrary)
})
const fieldNames = ["region", "keyId", "versionId", "algorithm"] as const

describe("wrapKeyMaterial / unwrapKeyMaterial properties", () => {
  it("round-trips material of any length (0..2500 bytes, up to RSA_4096 PKCS#8) under any binding", () =>
    checkProperty(
      "wrap/unwrap round trip",
      fc.asyncProperty(secretArbitrary(32, 32), secretArbitrary(0, 2500), bindingArbitrary, async (key, secret, at) => {
        const wrapped = await runWithWebCrypto(wrapKeyMaterial(key, secret, at))
        assert.strictEqual(wrapped.length, 1 + 12 + secret.length + 16)
        const unwrapped = await runWithWebCrypto(unwrapKeyMaterial(key, wrapped, at))
        assert.isTrue(unwrapped.equals(secret))
      })
    ))

  it("rejects material moved to another region, key, version or algorithm as KeyUnwrapFailed", () =>
    checkProperty(
      "changed binding field → KeyUnwrapFailed",
      fc.asyncProperty(
        bindingArbitrary,
        fc.constantFrom(...fieldNames),
        fieldArbitrary,
        async (at, field, value) => {
          fc.pre(at[field] !== value)
          const wrapped = await runWithWebCrypto(wrapKeyMaterial(kek, material, at))
          const error = await failureWithWebCrypto(unwrapKeyMaterial(kek, wrapped, { ...at, [field]: value }))
          assert.strictEqual(error._tag, "KeyUnwrapFailed")
        }
      )
    ))

  it("rejects a single flipped bit anywhere in the wrapped material as KeyUnwrapFailed", () =>
    checkProperty(
      "wrapped bit flip → KeyUnwrapFailed",
      fc.asyncProperty(secretArbitrary(0, 512), fc.nat(), async (secret, bitSeed) => {
        const wrapped = await runWithWebCrypto(wrapKeyMaterial(kek, secret, binding))
        const bit = bitSeed % (wrapped.length * 8)
        wrapped[bit >> 3] = (wrapped[bit >> 3] ?? 0) ^ (1 << (bit & 7))
        const error = await failureWithWebCrypto(unwrapKeyMaterial(kek, wrapped, binding))
        assert.strictEqual(error._tag, "KeyUnwrapFailed")
      })
    ))

  it("rejects unwrapping under another KEK as KeyUnwrapFailed", () =>
    checkProperty(
      "other KEK → KeyUnwrapFailed",
      fc.asyncProperty(secretArbitrary(32, 32), secretArbitrary(32, 32), async (mine, other) => {
        fc.pre(!mine.equals(other))
        const wrapped = await runWithWebCrypto(wrapKeyMaterial(mine, material, binding))
        const error = await failureWithWebCrypto(unwrapKeyMaterial(other, wrapped, binding))
        assert.strictEqual(error._tag, "KeyUnwrapFailed")
      })
    ))
})

layer(WebCrypto.layer)("wrapKeyMaterial / unwrapKeyMaterial rules", (it) => {
  it.effect("lays wrapped material out as version 0x01 | iv (12) | ciphertext | tag (16)", () =>
    Effect.gen(function*() {
      const wrapped = yield* wrapKeyMaterial(kek, material, binding)
      assert.strictEqual(wrapped[0], 0x01)
      assert.strictEqual(wrapped.length, 1 + 12 + 32 + 16)
    }))

  it.effect("draws a fresh IV for every wrap", () =>
    Effect.gen(function*() {
      const first = yield* wrapKeyMaterial(kek, material, binding)
      const second = yield* wrapKeyMaterial(kek, material, binding)
      assert.notDeepEqual(first.subarray(1, 13), second.subarray(1, 13))
    }))

  it.effect("binds each field separately: moving characters between region and key id fails", () =>
    Effect.gen(function*() {
      const wrapped = yield* wrapKeyMaterial(kek, material, { ...binding, region: "eu-west-1", keyId: "ab" })
      const error = yield* Effect.flip(
        unwrapKeyMaterial(kek, wrapped, { ...binding, region: "eu-west-1a", keyId: "b" })
      )
      assert.strictEqual(error._tag, "KeyUnwrapFailed")
    }))

  it.effect.each<readonly [string, (wrapped: Uint8Array) => Uint8Array]>([
    ["an empty input", () => new Uint8Array(0)],
    ["input shorter than version + iv + tag", (wrapped) => wrapped.subarray(0, 28)],
    ["a truncated tag", (wrapped) => wrapped.subarray(0, wrapped.length - 1)],
    ["an unknown format version", (wrapped) => Uint8Array.from([0x02, ...wrapped.subarray(1)])],
    ["an appended byte", (wrapped) => Uint8Array.from([...wrapped, 0])]
  ])("rejects %s as KeyUnwrapFailed", ([_, mangle]) =>
    Effect.gen(function*() {
      const wrapped = yield* wrapKeyMaterial(kek, material, binding)
      const error = yield* Effect.flip(unwrapKeyMaterial(kek, mangle(wrapped), binding))
      assert.strictEqual(error._tag, "KeyUnwrapFailed")
    }))

  it.effect("rejects a binding that holds a lone surrogate on unwrap", () =>
    Effect.gen(function*() {
      const wrapped = yield* wrapKeyMaterial(kek, material, { ...binding, region: "\uFFFD" })
      const error = yield* Effect.flip(unwrapKeyMaterial(kek, wrapped, { ...binding, region: "\uD800" }))
      assert.strictEqual(error._tag, "KeyUnwrapFailed")
    }))

  it.effect("treats a KEK that is not 32 bytes, or an ill-formed binding, as a defect on wrap", () =>
    Effect.gen(function*() {
      const shortKek = yield* Effect.exit(wrapKeyMaterial(SecretBytes.adopt(new Uint8Array(16)), material, binding))
      assert.isTrue(Exit.hasDies(shortKek))
      const badBinding = yield* Effect.exit(wrapKeyMaterial(kek, material, { ...binding, keyId: "\uDC00" }))
      assert.isTrue(Exit.hasDies(badBinding))
    }))

  it.effect("never returns the material inside the wrapped bytes", () =>
    Effect.gen(function*() {
      const wrapped = yield* wrapKeyMaterial(kek, material, binding)
      assert.notInclude(Buffer.from(wrapped).toString("hex"), Buffer.from(material.unsafeBytes()).toString("hex"))
    }))
})
