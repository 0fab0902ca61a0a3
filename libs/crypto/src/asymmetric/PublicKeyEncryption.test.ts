import { checkProperty } from "@trent/testing"
import { Effect } from "effect"
import * as fc from "fast-check"
import { constants, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt } from "node:crypto"
import { inspect } from "node:util"
import { beforeAll, describe, expect, it } from "vitest"
import type { AsymmetricKeySpec } from "./AsymmetricKeySpec.ts"
import { encryptOaep } from "./PublicKeyEncryption.ts"
import { oaepPlaintextLimit, type RsaEncryptionAlgorithm, rsaEncryptionAlgorithms } from "./RsaEncryptionAlgorithm.ts"
import { type TestKey, testKey } from "./testKeys.test-support.ts"

const rsaSpecs = ["RSA_2048", "RSA_3072", "RSA_4096"] as const
const nodeHash = { RSAES_OAEP_SHA_1: "sha1", RSAES_OAEP_SHA_256: "sha256" } as const

let keys: ReadonlyMap<AsymmetricKeySpec, TestKey>
beforeAll(async () => {
  keys = new Map(await Promise.all(rsaSpecs.map(async (spec) => [spec, await testKey(spec)] as const)))
}, 120_000)
const keyOf = (spec: AsymmetricKeySpec) => keys.get(spec)!

const nodeEncrypt = (spec: AsymmetricKeySpec, algorithm: RsaEncryptionAlgorithm, plaintext: Uint8Array) =>
  new Uint8Array(
    publicEncrypt(
      {
        key: createPublicKey({ key: Buffer.from(keyOf(spec).pair.publicKey), format: "der", type: "spki" }),
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: nodeHash[algorithm]
      },
      plaintext
    )
  )

const nodeDecrypt = (spec: AsymmetricKeySpec, algorithm: RsaEncryptionAlgorithm, ciphertext: Uint8Array) =>
  new Uint8Array(
    privateDecrypt(
      {
        key: createPrivateKey({ key: Buffer.from(keyOf(spec).pair.privateKey.unsafeBytes()), format: "der", type: "pkcs8" }),
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: nodeHash[algorithm]
      },
      ciphertext
    )
  )

const encrypt = (spec: AsymmetricKeySpec, algorithm: RsaEncryptionAlgorithm, plaintext: Uint8Array) =>
  encryptOaep({ spec, publicKey: keyOf(spec).pair.publicKey, algorithm, plaintext })
const decrypt = (spec: AsymmetricKeySpec, algorithm: RsaEncryptionAlgorithm, ciphertext: Uint8Array) =>
  keyOf(spec).key.decrypt({ algorithm, ciphertext })

describe("RSA-OAEP plaintext limits (AWS KMS API reference §5.2)", () => {
  it("are modulusBytes − 2·hashBytes − 2: 214/190, 342/318, 470/446 bytes", () => {
    expect(rsaSpecs.map((spec) => rsaEncryptionAlgorithms.map((algorithm) => oaepPlaintextLimit(spec, algorithm)))).toEqual([
      [214, 190],
      [342, 318],
      [470, 446]
    ])
    expect(oaepPlaintextLimit("ECC_NIST_P256", "RSAES_OAEP_SHA_256")).toBeUndefined()
  })

  for (const spec of rsaSpecs) {
    for (const algorithm of rsaEncryptionAlgorithms) {
      const limit = oaepPlaintextLimit(spec, algorithm)!
      it(`${spec} ${algorithm}: encrypts ${limit} bytes and refuses ${limit + 1} with AWS's message`, async () => {
        const sealed = await Effect.runPromise(encrypt(spec, algorithm, new Uint8Array(limit).fill(1)))
        expect(sealed.length).toBe(Number(spec.slice(4)) / 8)
        const error = await Effect.runPromise(Effect.flip(encrypt(spec, algorithm, new Uint8Array(limit + 1))))
        expect(error._tag).toBe("PlaintextTooLarge")
        if (error._tag === "PlaintextTooLarge") {
          expect(error.limit).toBe(limit)
          expect(error.message).toBe(`Algorithm ${algorithm} and key spec ${spec} cannot encrypt data larger than ${limit} bytes.`)
        }
      })
    }
  }
})

describe("RSA-OAEP interoperability with node:crypto (MGF1 on the same hash, empty label)", () => {
  for (const spec of rsaSpecs) {
    for (const algorithm of rsaEncryptionAlgorithms) {
      it(`${spec} ${algorithm}: node:crypto's ciphertext decrypts, and Trent's decrypts with node:crypto`, async () => {
        const plaintext = new TextEncoder().encode(`attack at dawn, ${spec}`)
        const opened = await Effect.runPromise(decrypt(spec, algorithm, nodeEncrypt(spec, algorithm, plaintext)))
        expect(opened.unsafeBytes()).toEqual(plaintext)
        const sealed = await Effect.runPromise(encrypt(spec, algorithm, plaintext))
        expect(nodeDecrypt(spec, algorithm, sealed)).toEqual(plaintext)
      })
    }
  }

  it("round-trips random plaintexts of 0 bytes up to the limit, on every spec and algorithm", () =>
    checkProperty(
      "OAEP round trip",
      fc.asyncProperty(
        fc.constantFrom(...rsaSpecs).chain((spec) =>
          fc.constantFrom(...rsaEncryptionAlgorithms).chain((algorithm) => {
            const limit = oaepPlaintextLimit(spec, algorithm)!
            return fc.record({
              spec: fc.constant(spec),
              algorithm: fc.constant(algorithm),
              plaintext: fc.oneof(fc.uint8Array({ maxLength: limit, size: "max" }), fc.uint8Array({ minLength: limit, maxLength: limit }))
            })
          })
        ),
        async ({ algorithm, plaintext, spec }) => {
          const sealed = await Effect.runPromise(encrypt(spec, algorithm, plaintext))
          expect((await Effect.runPromise(decrypt(spec, algorithm, sealed))).unsafeBytes()).toEqual(plaintext)
        }
      )
    ))
})

describe("RSA-OAEP failures", () => {
  const plaintext = new TextEncoder().encode("secret")

  it("decrypts nothing with the other OAEP hash: InvalidCiphertext", async () => {
    const sealed = await Effect.runPromise(encrypt("RSA_2048", "RSAES_OAEP_SHA_1", plaintext))
    const error = await Effect.runPromise(Effect.flip(decrypt("RSA_2048", "RSAES_OAEP_SHA_256", sealed)))
    expect(error._tag).toBe("InvalidCiphertext")
  })

  it("answers a flipped bit, a short, a long, an empty and an all-ones ciphertext with the same fieldless InvalidCiphertext", async () => {
    const sealed = await Effect.runPromise(encrypt("RSA_2048", "RSAES_OAEP_SHA_256", plaintext))
    const flipped = Uint8Array.from(sealed)
    flipped[100] = flipped[100]! ^ 0x10
    for (const bad of [flipped, sealed.subarray(1), Uint8Array.of(0, ...sealed), new Uint8Array(0), new Uint8Array(256).fill(0xff)]) {
      const error = await Effect.runPromise(Effect.flip(decrypt("RSA_2048", "RSAES_OAEP_SHA_256", bad)))
      expect(JSON.parse(JSON.stringify(error))).toEqual({ _tag: "InvalidCiphertext" })
    }
  })

  it("refuses to encrypt with a non-RSA spec or a public key of another size", async () => {
    const wrongSpec = await Effect.runPromise(
      Effect.flip(encryptOaep({ spec: "ECC_NIST_P256", publicKey: keyOf("RSA_2048").pair.publicKey, algorithm: "RSAES_OAEP_SHA_1", plaintext }))
    )
    expect(wrongSpec.message).toBe("Algorithm RSAES_OAEP_SHA_1 is incompatible with key spec ECC_NIST_P256.")
    const wrongSize = await Effect.runPromise(
      Effect.flip(encryptOaep({ spec: "RSA_4096", publicKey: keyOf("RSA_2048").pair.publicKey, algorithm: "RSAES_OAEP_SHA_1", plaintext }))
    )
    expect(wrongSize._tag).toBe("InvalidPublicKey")
  })

  it("returns the plaintext as SecretBytes, which prints redacted", async () => {
    const opened = await Effect.runPromise(decrypt("RSA_2048", "RSAES_OAEP_SHA_1", nodeEncrypt("RSA_2048", "RSAES_OAEP_SHA_1", plaintext)))
    expect(inspect({ opened })).toBe("{ opened: <SecretBytes redacted> }")
    expect(JSON.stringify({ opened })).not.toContain("secret")
  })
})
