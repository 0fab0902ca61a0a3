import { checkProperty } from "@trent/testing"
import { Effect, Formatter } from "effect"
import * as fc from "fast-check"
import { createHmac } from "node:crypto"
import { inspect } from "node:util"
import { describe, expect, it } from "vitest"
import { SecretBytes } from "../SecretBytes.ts"
import { WebCrypto } from "../WebCrypto.ts"
import { generateHmacKeyMaterial, HmacKey } from "./HmacKey.ts"
import { hmacKeySpecs, hmacParameters, macAlgorithms } from "./HmacKeySpec.ts"

const keyOf = (spec: (typeof hmacKeySpecs)[number], material: Uint8Array) =>
  Effect.runPromise(HmacKey.fromBytes(spec, SecretBytes.copy(material)))

const caseArbitrary = fc.constantFrom(...hmacKeySpecs).chain((spec) =>
  fc.record({
    spec: fc.constant(spec),
    material: fc.uint8Array({ minLength: hmacParameters[spec].minKeyBytes, maxLength: hmacParameters[spec].maxKeyBytes }),
    message: fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 4096, size: "max" }))
  })
)

describe("generateHmacKeyMaterial", () => {
  it("draws as many bytes as AWS does: 28, 32, 48 and 64 (the hash's output length)", async () => {
    const sizes = await Effect.runPromise(
      Effect.forEach(hmacKeySpecs, (spec) => Effect.map(generateHmacKeyMaterial(spec), (material) => material.length)).pipe(
        Effect.provide(WebCrypto.layer)
      )
    )
    expect(sizes).toEqual([28, 32, 48, 64])
  })

  it("draws fresh material every time", async () => {
    const [a, b] = await Effect.runPromise(
      Effect.all([generateHmacKeyMaterial("HMAC_256"), generateHmacKeyMaterial("HMAC_256")]).pipe(Effect.provide(WebCrypto.layer))
    )
    expect(a!.equals(b!)).toBe(false)
  })
})

describe("HmacKey", () => {
  it("computes RFC 2104 HMAC exactly as node:crypto's createHmac, at full length (28/32/48/64 bytes)", () =>
    checkProperty(
      "HMAC = createHmac",
      fc.asyncProperty(caseArbitrary, async ({ material, message, spec }) => {
        const { algorithm, hash, macBytes } = hmacParameters[spec]
        const mac = await Effect.runPromise((await keyOf(spec, material)).mac(algorithm, message))
        expect(mac.length).toBe(macBytes)
        expect(Buffer.from(mac)).toEqual(createHmac(hash, material).update(message).digest())
        expect(await Effect.runPromise((await keyOf(spec, material)).verifyMac(algorithm, message, mac))).toBe(true)
      })
    ))

  it("refuses a MAC with any one byte changed", () =>
    checkProperty(
      "VerifyMac refuses any changed byte",
      fc.asyncProperty(caseArbitrary, fc.nat(), fc.integer({ min: 1, max: 255 }), async ({ material, message, spec }, at, delta) => {
        const key = await keyOf(spec, material)
        const { algorithm } = hmacParameters[spec]
        const mac = await Effect.runPromise(key.mac(algorithm, message))
        const changed = Uint8Array.from(mac)
        changed[at % changed.length] = (changed[at % changed.length]! + delta) & 0xff
        expect(await Effect.runPromise(key.verifyMac(algorithm, message, changed))).toBe(false)
      })
    ))

  it("refuses a MAC that is truncated, extended or empty", async () => {
    const key = await keyOf("HMAC_384", new Uint8Array(48).fill(9))
    const message = new TextEncoder().encode("message")
    const mac = await Effect.runPromise(key.mac("HMAC_SHA_384", message))
    for (const bad of [mac.subarray(0, 24), mac.subarray(0, 47), Uint8Array.of(...mac, 0), new Uint8Array(0)]) {
      expect(await Effect.runPromise(key.verifyMac("HMAC_SHA_384", message, bad))).toBe(false)
    }
  })

  for (const spec of hmacKeySpecs) {
    const { algorithm, maxKeyBytes, minKeyBytes } = hmacParameters[spec]
    it(`${spec}: takes ${minKeyBytes} to ${maxKeyBytes} bytes of material and refuses ${minKeyBytes - 1} and ${maxKeyBytes + 1}`, async () => {
      await keyOf(spec, new Uint8Array(minKeyBytes))
      await keyOf(spec, new Uint8Array(maxKeyBytes))
      for (const length of [0, minKeyBytes - 1, maxKeyBytes + 1]) {
        const error = await Effect.runPromise(Effect.flip(HmacKey.fromBytes(spec, SecretBytes.copy(new Uint8Array(length)))))
        expect(error.message).toBe(`${spec} key material must be ${minKeyBytes} to ${maxKeyBytes} bytes, got ${length}`)
      }
    })

    for (const other of macAlgorithms.filter((a) => a !== algorithm)) {
      it(`${spec}: refuses ${other} with AWS's incompatibility message, for GenerateMac and VerifyMac`, async () => {
        const key = await keyOf(spec, new Uint8Array(minKeyBytes))
        const expected = `Algorithm ${other} is incompatible with key spec ${spec}.`
        expect((await Effect.runPromise(Effect.flip(key.mac(other, new Uint8Array(1))))).message).toBe(expected)
        expect((await Effect.runPromise(Effect.flip(key.verifyMac(other, new Uint8Array(1), new Uint8Array(32))))).message).toBe(expected)
      })
    }
  }

  it("never prints its key, and puts no key bytes in its errors", async () => {
    const material = Uint8Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? 0xc0 : 0xde))
    const key = await keyOf("HMAC_256", material)
    for (const text of [String(key), JSON.stringify({ key }), inspect(key, { showHidden: true }), Formatter.format({ key })]) {
      expect(text).toContain("<HmacKey redacted>")
      expect(text.toLowerCase()).not.toContain("c0de")
    }
    const tooShort = await Effect.runPromise(Effect.flip(HmacKey.fromBytes("HMAC_512", SecretBytes.copy(material))))
    expect(`${JSON.stringify(tooShort)} ${inspect(tooShort)}`.toLowerCase()).not.toMatch(/c0de|192,222/)
  })
})
