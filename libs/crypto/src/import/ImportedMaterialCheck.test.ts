import { checkProperty } from "@trent/testing"
import { Effect } from "effect"
import * as fc from "fast-check"
import { createPrivateKey } from "node:crypto"
import { inspect } from "node:util"
import { beforeAll, describe, expect, it } from "vitest"
import { asymmetricKeySpecs, type AsymmetricKeySpec } from "../asymmetric/AsymmetricKeySpec.ts"
import { type TestKey, testKeysForEverySpec } from "../asymmetric/testKeys.test-support.ts"
import { hmacKeySpecs } from "../hmac/HmacKeySpec.ts"
import { checkImportedMaterial, type ImportableKeySpec, importableKeySpecs, importedMaterialRules } from "./ImportedMaterialCheck.ts"

let keys: ReadonlyMap<AsymmetricKeySpec, TestKey>
beforeAll(async () => {
  keys = await testKeysForEverySpec()
}, 120_000)
const pkcs8Of = (spec: AsymmetricKeySpec) => keys.get(spec)!.pair.privateKey.unsafeBytes()

const accepts = (spec: ImportableKeySpec, material: Uint8Array) => Effect.runPromise(checkImportedMaterial(spec, material))
const refusal = (spec: ImportableKeySpec, material: Uint8Array) => Effect.runPromise(Effect.flip(checkImportedMaterial(spec, material)))

/** The byte ranges of https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html, written out again rather than read from the table. */
const ranges: ReadonlyArray<readonly [ImportableKeySpec, number, number]> = [
  ["SYMMETRIC_DEFAULT", 32, 32],
  ["HMAC_224", 28, 64],
  ["HMAC_256", 32, 64],
  ["HMAC_384", 48, 128],
  ["HMAC_512", 64, 128]
]

describe("importedMaterialRules", () => {
  it("has a rule for every spec that takes imported material: raw bytes for symmetric and HMAC, PKCS#8 of that spec otherwise", () => {
    expect(Object.keys(importedMaterialRules)).toEqual([...importableKeySpecs])
    expect(importableKeySpecs).toEqual(["SYMMETRIC_DEFAULT", ...hmacKeySpecs, ...asymmetricKeySpecs])
    for (const [spec, minBytes, maxBytes] of ranges) expect(importedMaterialRules[spec]).toEqual({ form: "raw", minBytes, maxBytes })
    for (const spec of asymmetricKeySpecs) expect(importedMaterialRules[spec]).toEqual({ form: "pkcs8", spec })
    expect(Object.isFrozen(importedMaterialRules)).toBe(true)
  })
})

describe("checkImportedMaterial: symmetric and HMAC lengths (AWS KMS API reference §5.3)", () => {
  for (const [spec, minBytes, maxBytes] of ranges) {
    const rule = minBytes === maxBytes ? `${minBytes}` : `${minBytes} to ${maxBytes}`
    it(`${spec}: accepts ${rule} bytes and refuses ${minBytes - 1} and ${maxBytes + 1}, naming the rule and the length`, async () => {
      await accepts(spec, new Uint8Array(minBytes))
      await accepts(spec, new Uint8Array(maxBytes))
      expect(await refusal(spec, new Uint8Array(minBytes - 1))).toMatchObject({
        _tag: "InvalidKeyMaterial",
        message: `${spec} key material must be ${rule} bytes, got ${minBytes - 1}`
      })
      expect((await refusal(spec, new Uint8Array(maxBytes + 1))).message).toBe(
        `${spec} key material must be ${rule} bytes, got ${maxBytes + 1}`
      )
    })
  }

  it("accepts exactly the lengths in the spec's range, for any length from 0 to 200 bytes", () =>
    checkProperty(
      "imported raw material length rule",
      fc.asyncProperty(fc.constantFrom(...ranges), fc.nat({ max: 200 }), async ([spec, minBytes, maxBytes], length) => {
        const exit = await Effect.runPromiseExit(checkImportedMaterial(spec, new Uint8Array(length).fill(0xa5)))
        expect(exit._tag === "Success").toBe(length >= minBytes && length <= maxBytes)
      })
    ))

  it("refuses a PKCS#8 private key as SYMMETRIC_DEFAULT or HMAC material (by its length)", async () => {
    expect((await refusal("SYMMETRIC_DEFAULT", pkcs8Of("ECC_NIST_P256"))).message).toMatch(
      /^SYMMETRIC_DEFAULT key material must be 32 bytes, got \d+$/
    )
    expect((await refusal("HMAC_512", pkcs8Of("RSA_2048"))).message).toMatch(/^HMAC_512 key material must be 64 to 128 bytes, got \d+$/)
  })
})

describe("checkImportedMaterial: asymmetric PKCS#8", () => {
  for (const spec of asymmetricKeySpecs) {
    it(`${spec}: accepts a generated PKCS#8 of the spec and refuses the PKCS#8 of every other spec`, async () => {
      await accepts(spec, pkcs8Of(spec))
      for (const other of asymmetricKeySpecs.filter((s) => s !== spec)) {
        const error = await refusal(spec, pkcs8Of(other))
        expect(error._tag).toBe("InvalidKeyMaterial")
        expect(error.message).toMatch(new RegExp(`^key spec ${spec} needs .*, got `))
      }
    })
  }

  it.each<[string, AsymmetricKeySpec, AsymmetricKeySpec, string]>([
    ["a P-256 key for ECC_NIST_P384", "ECC_NIST_P256", "ECC_NIST_P384", "needs an EC key on secp384r1, got an EC key on prime256v1"],
    ["an RSA_2048 key for RSA_3072", "RSA_2048", "RSA_3072", "needs an RSA key of 3072 bits, got an RSA key of 2048 bits"],
    ["a P-256 key for ECC_SECG_P256K1", "ECC_NIST_P256", "ECC_SECG_P256K1", "needs an EC key on secp256k1, got an EC key on prime256v1"],
    ["an ML-DSA-65 key for ML_DSA_87", "ML_DSA_65", "ML_DSA_87", "needs a ml-dsa-87 key, got a ml-dsa-65 key"]
  ])("refuses %s, naming both", async (_, actual, named, reason) => {
    expect(await refusal(named, pkcs8Of(actual))).toMatchObject({ _tag: "InvalidKeyMaterial", message: `key spec ${named} ${reason}` })
  })

  it.each<[string, Uint8Array]>([
    ["no bytes", new Uint8Array(0)],
    ["32 raw bytes", new Uint8Array(32).fill(1)],
    ["garbage", Uint8Array.from({ length: 200 }, (_, i) => (i * 53 + 7) & 0xff)]
  ])("refuses %s as a PKCS#8 that does not parse", async (_, bytes) => {
    expect((await refusal("ECC_NIST_P256", bytes)).message).toBe(
      "private key for ECC_NIST_P256 is not a DER PKCS#8 PrivateKeyInfo that parses"
    )
  })

  it("refuses the public key (SPKI) and a truncated PKCS#8", async () => {
    expect((await refusal("ECC_NIST_P384", keys.get("ECC_NIST_P384")!.pair.publicKey))._tag).toBe("InvalidKeyMaterial")
    const rsa = pkcs8Of("RSA_2048")
    expect((await refusal("RSA_2048", rsa.subarray(0, rsa.length - 1)))._tag).toBe("InvalidKeyMaterial")
  })

  it("accepts an ML-DSA PKCS#8 holding only the 32-byte seed (RFC 9881's seed form)", async () => {
    const generated = createPrivateKey({ key: Buffer.from(pkcs8Of("ML_DSA_44")), format: "der", type: "pkcs8" })
    const seed = new Uint8Array(generated.export({ format: "raw-seed" }))
    // PrivateKeyInfo { version 0, AlgorithmIdentifier { id-ml-dsa-44 }, OCTET STRING { [0] IMPLICIT seed } }
    const header = Uint8Array.of(
      ...[0x30, 0x34, 0x02, 0x01, 0x00],
      ...[0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x11],
      ...[0x04, 0x22, 0x80, 0x20]
    )
    const seedOnly = new Uint8Array(header.length + seed.length)
    seedOnly.set(header)
    seedOnly.set(seed, header.length)
    await accepts("ML_DSA_44", seedOnly)
  })

  it("leaves the caller's material as it was (it checks a copy, and zeroes the copy)", async () => {
    const pkcs8 = Uint8Array.from(pkcs8Of("ECC_NIST_P521"))
    await accepts("ECC_NIST_P521", pkcs8)
    expect(pkcs8).toEqual(pkcs8Of("ECC_NIST_P521"))
    await refusal("ECC_NIST_P384", pkcs8)
    expect(pkcs8).toEqual(pkcs8Of("ECC_NIST_P521"))
  })

  it("never puts key bytes in its error", async () => {
    const pkcs8 = pkcs8Of("ECC_NIST_P256")
    const d = createPrivateKey({ key: Buffer.from(pkcs8), format: "der", type: "pkcs8" }).export({ format: "jwk" }).d!
    const marked = new Uint8Array(100).fill(0xc3) // over HMAC_256's 64 bytes, and no PKCS#8
    for (const error of [await refusal("ECC_NIST_P384", pkcs8), await refusal("HMAC_256", marked), await refusal("RSA_2048", marked)]) {
      const rendered = `${JSON.stringify(error)} ${inspect(error, { depth: 10 })} ${String(error)}`.toLowerCase()
      expect(rendered).not.toContain(Buffer.from(d, "base64url").toString("hex").slice(0, 16))
      expect(rendered).not.toContain(Buffer.from(pkcs8).toString("base64").slice(20, 40).toLowerCase())
      expect(rendered).not.toContain("c3c3")
      expect(rendered).not.toContain("195,195")
    }
  })
})
