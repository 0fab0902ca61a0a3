import { checkProperty } from "@trent/testing"
import { Cause, Effect, Exit } from "effect"
import * as fc from "fast-check"
import { inspect } from "node:util"
import { beforeAll, describe, expect, it } from "vitest"
import type { AsymmetricKeyPair } from "../asymmetric/AsymmetricKeyGeneration.ts"
import { generateAsymmetricKeyPair } from "../asymmetric/AsymmetricKeyGeneration.ts"
import { SecretBytes } from "../SecretBytes.ts"
import { checkImportedMaterial, importableKeySpecs } from "./ImportedMaterialCheck.ts"
import { unwrapImportedMaterial } from "./ImportedMaterialUnwrap.ts"
import { type ImportWrappingAlgorithm, importWrappingAlgorithms } from "./ImportWrappingAlgorithm.ts"
import { aesWrap, concat, nodeImportWrap, oaepWrap } from "./nodeImportWrap.test-support.ts"
import { generateWrappingKeyPair } from "./WrappingKeyPair.ts"

/** Two RSA_2048 wrapping keys made once for the file: the one the material is wrapped for, and another. */
let wrapping: AsymmetricKeyPair
let other: AsymmetricKeyPair
beforeAll(async () => {
  ;[wrapping, other] = await Effect.runPromise(Effect.all([generateWrappingKeyPair("RSA_2048"), generateWrappingKeyPair("RSA_2048")]))
}, 60_000)

const unwrap = (wrappingAlgorithm: ImportWrappingAlgorithm, encryptedKeyMaterial: Uint8Array, key = wrapping) =>
  unwrapImportedMaterial({ wrappingAlgorithm, wrappingPrivateKey: key.privateKey, encryptedKeyMaterial })

const opened = async (algorithm: ImportWrappingAlgorithm, encrypted: Uint8Array, key = wrapping) =>
  (await Effect.runPromise(unwrap(algorithm, encrypted, key))).unsafeBytes()

/** The failure as it would be serialized: the fieldless InvalidCiphertext, nothing more. */
const failure = async (algorithm: ImportWrappingAlgorithm, encrypted: Uint8Array, key = wrapping) =>
  JSON.parse(JSON.stringify(await Effect.runPromise(Effect.flip(unwrap(algorithm, encrypted, key)))))

const invalidCiphertext = { _tag: "InvalidCiphertext" }

/**
 * EncryptedKeyMaterial is at most 6144 bytes (https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html): after a 256-byte RSA
 * block, KWP carries up to 5880 bytes. RSA-OAEP on RSA_2048 carries 214 (SHA-1) or 190 (SHA-256).
 */
const maxMaterial: { readonly [A in ImportWrappingAlgorithm]: number } = {
  RSAES_OAEP_SHA_1: 214,
  RSAES_OAEP_SHA_256: 190,
  RSA_AES_KEY_WRAP_SHA_1: 5880,
  RSA_AES_KEY_WRAP_SHA_256: 5880
}

const caseArbitrary = fc.constantFrom(...importWrappingAlgorithms).chain((algorithm) =>
  fc.record({
    algorithm: fc.constant(algorithm),
    material: fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 80 }),
      fc.uint8Array({ minLength: 1, maxLength: maxMaterial[algorithm], size: "max" })
    ),
    aesKey: fc.uint8Array({ minLength: 32, maxLength: 32 })
  })
)

describe("unwrapImportedMaterial, against node:crypto's wrapping", () => {
  it("gives back the material node:crypto wrapped, for every algorithm and any length it carries", () =>
    checkProperty(
      "import unwrap(wrap(m)) = m",
      fc.asyncProperty(caseArbitrary, async ({ aesKey, algorithm, material }) => {
        const encrypted = nodeImportWrap(algorithm, wrapping.publicKey, material, aesKey)
        expect(await opened(algorithm, encrypted)).toEqual(material)
      })
    ))

  it("refuses EncryptedKeyMaterial with any one byte changed, as InvalidCiphertext", () =>
    checkProperty(
      "import unwrap refuses any changed byte",
      fc.asyncProperty(caseArbitrary, fc.nat(), fc.integer({ min: 1, max: 255 }), async ({ aesKey, algorithm, material }, at, delta) => {
        const encrypted = nodeImportWrap(algorithm, wrapping.publicKey, material, aesKey)
        encrypted[at % encrypted.length] = (encrypted[at % encrypted.length]! + delta) & 0xff
        expect(await failure(algorithm, encrypted)).toEqual(invalidCiphertext)
      })
    ))

  it("refuses material wrapped for another wrapping key, as InvalidCiphertext", () =>
    checkProperty(
      "import unwrap refuses another wrapping key",
      fc.asyncProperty(caseArbitrary, async ({ aesKey, algorithm, material }) => {
        const encrypted = nodeImportWrap(algorithm, other.publicKey, material, aesKey)
        expect(await failure(algorithm, encrypted)).toEqual(invalidCiphertext)
        expect(await opened(algorithm, encrypted, other)).toEqual(material)
      })
    ))
})

describe("unwrapImportedMaterial failures", () => {
  const material = Uint8Array.from({ length: 32 }, (_, i) => i + 1)

  it.each<[ImportWrappingAlgorithm, ImportWrappingAlgorithm]>([
    ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"],
    ["RSAES_OAEP_SHA_256", "RSAES_OAEP_SHA_1"],
    ["RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256"],
    ["RSA_AES_KEY_WRAP_SHA_256", "RSA_AES_KEY_WRAP_SHA_1"],
    ["RSAES_OAEP_SHA_256", "RSA_AES_KEY_WRAP_SHA_256"],
    ["RSA_AES_KEY_WRAP_SHA_256", "RSAES_OAEP_SHA_256"]
  ])("refuses material wrapped with %s when told %s", async (wrappedWith, told) => {
    expect(await failure(told, nodeImportWrap(wrappedWith, wrapping.publicKey, material))).toEqual(invalidCiphertext)
  })

  it("refuses truncated, extended, empty and oversized RSA_AES_KEY_WRAP input", async () => {
    const encrypted = nodeImportWrap("RSA_AES_KEY_WRAP_SHA_256", wrapping.publicKey, material)
    expect(encrypted.length).toBe(256 + 40)
    for (const bad of [
      encrypted.subarray(0, encrypted.length - 1),
      encrypted.subarray(0, encrypted.length - 8),
      encrypted.subarray(0, 256 + 16),
      encrypted.subarray(0, 256 + 8),
      encrypted.subarray(0, 256),
      encrypted.subarray(0, 255),
      encrypted.subarray(1),
      concat(encrypted, Uint8Array.of(0)),
      concat(encrypted, new Uint8Array(8)),
      new Uint8Array(0),
      new Uint8Array(6144)
    ]) {
      expect(await failure("RSA_AES_KEY_WRAP_SHA_256", bad)).toEqual(invalidCiphertext)
    }
  })

  it("refuses RSA-OAEP input that is not exactly one modulus long", async () => {
    const encrypted = nodeImportWrap("RSAES_OAEP_SHA_256", wrapping.publicKey, material)
    const bad = [encrypted.subarray(1), concat(Uint8Array.of(0), encrypted), concat(encrypted, new Uint8Array(8)), new Uint8Array(0)]
    for (const input of bad) {
      expect(await failure("RSAES_OAEP_SHA_256", input)).toEqual(invalidCiphertext)
    }
  })

  it("refuses an RSA_AES_KEY_WRAP whose material part is empty (RFC 5649 wraps at least one byte)", async () => {
    const aesKey = new Uint8Array(32).fill(7)
    expect(aesWrap(aesKey, new Uint8Array(0))).toHaveLength(0) // OpenSSL "wraps" nothing to nothing
    const encrypted = concat(oaepWrap("RSA_AES_KEY_WRAP_SHA_256", wrapping.publicKey, aesKey), aesWrap(aesKey, new Uint8Array(0)))
    expect(await failure("RSA_AES_KEY_WRAP_SHA_256", encrypted)).toEqual(invalidCiphertext)
  })

  it("refuses an ephemeral key that is not AES-256 (an AES-128 key with id-aes128-wrap-pad)", async () => {
    const aesKey = new Uint8Array(16).fill(3)
    const encrypted = concat(
      oaepWrap("RSA_AES_KEY_WRAP_SHA_256", wrapping.publicKey, aesKey),
      aesWrap(aesKey, material, "id-aes128-wrap-pad")
    )
    expect(await failure("RSA_AES_KEY_WRAP_SHA_256", encrypted)).toEqual(invalidCiphertext)
  })

  it("refuses material wrapped with RFC 3394 key wrap (IV A6A6A6A6A6A6A6A6) rather than RFC 5649", async () => {
    const aesKey = new Uint8Array(32).fill(5)
    const encrypted = concat(
      oaepWrap("RSA_AES_KEY_WRAP_SHA_256", wrapping.publicKey, aesKey),
      aesWrap(aesKey, material, "id-aes256-wrap", Buffer.from("A6A6A6A6A6A6A6A6", "hex"))
    )
    expect(encrypted.length).toBe(256 + 40)
    expect(await failure("RSA_AES_KEY_WRAP_SHA_256", encrypted)).toEqual(invalidCiphertext)
  })

  it("unwraps an empty RSA-OAEP plaintext, which no key spec then accepts", async () => {
    const empty = await opened("RSAES_OAEP_SHA_1", oaepWrap("RSAES_OAEP_SHA_1", wrapping.publicKey, new Uint8Array(0)))
    expect(empty).toHaveLength(0)
    for (const spec of importableKeySpecs) {
      expect((await Effect.runPromise(Effect.flip(checkImportedMaterial(spec, empty))))._tag).toBe("InvalidKeyMaterial")
    }
  })

  it("treats a wrapping private key that is not RSA as a defect, not as the importer's InvalidCiphertext", async () => {
    const p256 = await Effect.runPromise(generateAsymmetricKeyPair("ECC_NIST_P256"))
    const exit = await Effect.runPromiseExit(
      unwrapImportedMaterial({
        wrappingAlgorithm: "RSAES_OAEP_SHA_256",
        wrappingPrivateKey: p256.privateKey,
        encryptedKeyMaterial: new Uint8Array(256)
      })
    )
    expect(Exit.isFailure(exit) && Cause.hasDies(exit.cause)).toBe(true)
  })

  it("returns SecretBytes that print redacted, and errors that carry no byte of the material or keys", async () => {
    const marked = new Uint8Array(48).fill(0xc7)
    const algorithm = "RSA_AES_KEY_WRAP_SHA_1"
    const secret = await Effect.runPromise(unwrap(algorithm, nodeImportWrap(algorithm, wrapping.publicKey, marked)))
    expect(secret).toBeInstanceOf(SecretBytes)
    expect(inspect({ secret })).toBe("{ secret: <SecretBytes redacted> }")
    const aesKey = new Uint8Array(32).fill(0xd9)
    const error = await Effect.runPromise(Effect.flip(unwrap(algorithm, nodeImportWrap(algorithm, other.publicKey, marked, aesKey))))
    const rendered = `${JSON.stringify(error)} ${inspect(error, { depth: 10 })} ${String(error)}`.toLowerCase()
    for (const needle of ["c7c7", "d9d9", "199,199", "217,217"]) expect(rendered).not.toContain(needle)
  })
})
