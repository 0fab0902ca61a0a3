import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import type { AsymmetricKeyPair } from "../asymmetric/AsymmetricKeyGeneration.ts"
import { checkImportedMaterial } from "./ImportedMaterialCheck.ts"
import { unwrapImportedMaterial } from "./ImportedMaterialUnwrap.ts"
import { type ImportWrappingAlgorithm, importWrappingAlgorithms } from "./ImportWrappingAlgorithm.ts"
import { opensslImport } from "./opensslImportCli.test-support.ts"
import { generateWrappingKeyPair, type WrappingKeySpec, wrappingKeySpecs } from "./WrappingKeyPair.ts"

const openssl = opensslImport()

/** One wrapping key per spec, as GetParametersForImport would issue them (RSA_4096 takes about a second). */
let wrappingKeys: ReadonlyMap<WrappingKeySpec, AsymmetricKeyPair>
beforeAll(async () => {
  const pairs = await Effect.runPromise(Effect.all(wrappingKeySpecs.map(generateWrappingKeyPair), { concurrency: "unbounded" }))
  wrappingKeys = new Map(wrappingKeySpecs.map((spec, i) => [spec, pairs[i]!]))
}, 120_000)
const keyOf = (spec: WrappingKeySpec) => wrappingKeys.get(spec)!

const hashOf = (algorithm: ImportWrappingAlgorithm) => (algorithm.endsWith("SHA_1") ? "sha1" : "sha256")

/** EncryptedKeyMaterial made by the `openssl` command line the way AWS documents for `algorithm`. */
const opensslWrap = (algorithm: ImportWrappingAlgorithm, wrappingKeySpec: WrappingKeySpec, material: Uint8Array) => {
  const input = { wrappingPublicKey: keyOf(wrappingKeySpec).publicKey, hash: hashOf(algorithm), material } as const
  return algorithm.startsWith("RSAES_OAEP") ? openssl.wrapOaep(input) : openssl.wrapRsaAes(input)
}

const unwrap = (algorithm: ImportWrappingAlgorithm, wrappingKeySpec: WrappingKeySpec, encryptedKeyMaterial: Uint8Array) =>
  unwrapImportedMaterial({ wrappingAlgorithm: algorithm, wrappingPrivateKey: keyOf(wrappingKeySpec).privateKey, encryptedKeyMaterial })

/** `openssl rand -out PlaintextKeyMaterial.bin <n>`, as AWS's instructions make symmetric material. */
const randomMaterial = (bytes: number) =>
  openssl.make([["rand", "-out", "PlaintextKeyMaterial.bin", String(bytes)]], "PlaintextKeyMaterial.bin")

/** An asymmetric private key made with `openssl genpkey`, then `openssl pkcs8 -topk8 -outform DER -nocrypt`. */
const opensslPkcs8 = (genpkey: ReadonlyArray<string>) =>
  openssl.make(
    [
      ["genpkey", ...genpkey, "-out", "private.pem"],
      ["pkcs8", "-topk8", "-inform", "PEM", "-outform", "DER", "-in", "private.pem", "-out", "PlaintextKeyMaterial.der", "-nocrypt"]
    ],
    "PlaintextKeyMaterial.der"
  )

describe("unwrapImportedMaterial, against the openssl command line of AWS's import instructions", () => {
  for (const algorithm of importWrappingAlgorithms) {
    for (const wrappingKeySpec of wrappingKeySpecs) {
      it(`${algorithm} under ${wrappingKeySpec}: gives back 32 bytes of SYMMETRIC_DEFAULT material`, async () => {
        const material = randomMaterial(32)
        const encrypted = opensslWrap(algorithm, wrappingKeySpec, material)
        const modulusBytes = Number(wrappingKeySpec.slice(4)) / 8
        expect(encrypted.length).toBe(algorithm.startsWith("RSAES_OAEP") ? modulusBytes : modulusBytes + 40)
        const opened = await Effect.runPromise(unwrap(algorithm, wrappingKeySpec, encrypted))
        expect(opened.unsafeBytes()).toEqual(material)
        await Effect.runPromise(checkImportedMaterial("SYMMETRIC_DEFAULT", opened.unsafeBytes()))
      })
    }
  }

  for (const algorithm of ["RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256"] as const) {
    it(`${algorithm}: carries an RSA_2048 PKCS#8 private key, which RSA-OAEP alone cannot`, async () => {
      const pkcs8 = opensslPkcs8(["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"])
      expect(pkcs8.length).toBeGreaterThan(1100)
      expect(openssl.oaepAccepts({ wrappingPublicKey: keyOf("RSA_4096").publicKey, hash: hashOf(algorithm), material: pkcs8 })).toBe(false)
      const opened = await Effect.runPromise(unwrap(algorithm, "RSA_2048", opensslWrap(algorithm, "RSA_2048", pkcs8)))
      expect(opened.unsafeBytes()).toEqual(pkcs8)
      await Effect.runPromise(checkImportedMaterial("RSA_2048", opened.unsafeBytes()))
      const wrongSpec = await Effect.runPromise(Effect.flip(checkImportedMaterial("RSA_3072", opened.unsafeBytes())))
      expect(wrongSpec.message).toBe("key spec RSA_3072 needs an RSA key of 3072 bits, got an RSA key of 2048 bits")
    })
  }

  it("RSAES_OAEP_SHA_256 carries a P-521 PKCS#8 under RSA_3072, not under RSA_2048 (AWS KMS API reference §7.10)", async () => {
    const pkcs8 = opensslPkcs8(["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"])
    expect(openssl.oaepAccepts({ wrappingPublicKey: keyOf("RSA_2048").publicKey, hash: "sha256", material: pkcs8 })).toBe(false)
    const opened = await Effect.runPromise(unwrap("RSAES_OAEP_SHA_256", "RSA_3072", opensslWrap("RSAES_OAEP_SHA_256", "RSA_3072", pkcs8)))
    expect(opened.unsafeBytes()).toEqual(pkcs8)
    await Effect.runPromise(checkImportedMaterial("ECC_NIST_P521", opened.unsafeBytes()))
  })

  it("RSAES_OAEP_SHA_1 carries 128 bytes of HMAC_512 material under RSA_2048", async () => {
    const material = randomMaterial(128)
    const opened = await Effect.runPromise(unwrap("RSAES_OAEP_SHA_1", "RSA_2048", opensslWrap("RSAES_OAEP_SHA_1", "RSA_2048", material)))
    expect(opened.unsafeBytes()).toEqual(material)
    await Effect.runPromise(checkImportedMaterial("HMAC_512", opened.unsafeBytes()))
  })

  it("refuses openssl's wrapping for another wrapping key of the same spec, or with the other hash, as InvalidCiphertext", async () => {
    const material = randomMaterial(32)
    const other = await Effect.runPromise(generateWrappingKeyPair("RSA_2048"))
    for (const algorithm of importWrappingAlgorithms) {
      const forOther = algorithm.startsWith("RSAES_OAEP")
        ? openssl.wrapOaep({ wrappingPublicKey: other.publicKey, hash: hashOf(algorithm), material })
        : openssl.wrapRsaAes({ wrappingPublicKey: other.publicKey, hash: hashOf(algorithm), material })
      const wrongKey = await Effect.runPromise(Effect.flip(unwrap(algorithm, "RSA_2048", forOther)))
      expect(JSON.parse(JSON.stringify(wrongKey))).toEqual({ _tag: "InvalidCiphertext" })
    }
    const sha1 = opensslWrap("RSA_AES_KEY_WRAP_SHA_1", "RSA_2048", material)
    const otherHash = await Effect.runPromise(Effect.flip(unwrap("RSA_AES_KEY_WRAP_SHA_256", "RSA_2048", sha1)))
    expect(otherHash._tag).toBe("InvalidCiphertext")
  })
})
