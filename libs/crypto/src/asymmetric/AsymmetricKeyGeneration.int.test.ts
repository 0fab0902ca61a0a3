import { Effect } from "effect"
import { createPrivateKey, createPublicKey } from "node:crypto"
import { describe, expect, it } from "vitest"
import { generateAsymmetricKeyPair, generateDataKeyPair } from "./AsymmetricKeyGeneration.ts"
import { asymmetricKeySpecs, type AsymmetricKeySpec, dataKeyPairSpecs } from "./AsymmetricKeySpec.ts"
import { opensslCli } from "./opensslCli.test-support.ts"

const openssl = opensslCli()

/** What node:crypto reads back from each spec's keys. */
const expectedKey: { readonly [S in AsymmetricKeySpec]: { readonly type: string; readonly details: object } } = {
  RSA_2048: { type: "rsa", details: { modulusLength: 2048, publicExponent: 65537n } },
  RSA_3072: { type: "rsa", details: { modulusLength: 3072, publicExponent: 65537n } },
  RSA_4096: { type: "rsa", details: { modulusLength: 4096, publicExponent: 65537n } },
  ECC_NIST_P256: { type: "ec", details: { namedCurve: "prime256v1" } },
  ECC_NIST_P384: { type: "ec", details: { namedCurve: "secp384r1" } },
  ECC_NIST_P521: { type: "ec", details: { namedCurve: "secp521r1" } },
  ECC_SECG_P256K1: { type: "ec", details: { namedCurve: "secp256k1" } },
  ECC_NIST_EDWARDS25519: { type: "ed25519", details: {} },
  ML_DSA_44: { type: "ml-dsa-44", details: {} },
  ML_DSA_65: { type: "ml-dsa-65", details: {} },
  ML_DSA_87: { type: "ml-dsa-87", details: {} }
}

/** SubjectPublicKeyInfo sizes: Ed25519 44 bytes (RFC 8410), ML-DSA pk + 22 bytes of header (FIPS 204 Table 2). */
const spkiBytes: { readonly [S in AsymmetricKeySpec]?: number } = {
  ECC_NIST_P256: 91,
  ECC_NIST_P384: 120,
  ECC_NIST_P521: 158,
  ECC_SECG_P256K1: 88,
  ECC_NIST_EDWARDS25519: 44,
  ML_DSA_44: 1312 + 22,
  ML_DSA_65: 1952 + 22,
  ML_DSA_87: 2592 + 22
}

describe("generateAsymmetricKeyPair", () => {
  for (const spec of asymmetricKeySpecs) {
    it(`${spec}: a PKCS#8 private key and an SPKI public key of the spec, halves of one pair`, async () => {
      const pair = await Effect.runPromise(generateAsymmetricKeyPair(spec))
      const privateKey = createPrivateKey({ key: Buffer.from(pair.privateKey.unsafeBytes()), format: "der", type: "pkcs8" })
      const publicKey = createPublicKey({ key: Buffer.from(pair.publicKey), format: "der", type: "spki" })
      for (const key of [privateKey, publicKey]) {
        expect(key.asymmetricKeyType).toBe(expectedKey[spec].type)
        expect(key.asymmetricKeyDetails).toEqual(expectedKey[spec].details)
      }
      expect(createPublicKey(privateKey).export({ format: "der", type: "spki" })).toEqual(Buffer.from(pair.publicKey))
      const size = spkiBytes[spec]
      if (size !== undefined) expect(pair.publicKey.length).toBe(size)
      expect(String(pair.privateKey)).toBe("<SecretBytes redacted>")
      expect(pair.publicKey).not.toBeInstanceOf(Buffer)
    })

    it(`${spec}: the public key parses with openssl pkey -pubin -inform DER${spec.startsWith("ML_DSA") ? " (or, OpenSSL 3.0 having no ML-DSA, is refused as unknown)" : ""}`, async () => {
      const pair = await Effect.runPromise(generateAsymmetricKeyPair(spec))
      const result = openssl.parsesPublicKey(pair.publicKey)
      if (spec.startsWith("ML_DSA")) {
        // OpenSSL 3.0.19 predates ML-DSA (3.5): node:crypto, on OpenSSL 3.5, parsed it above.
        expect(result.ok).toBe(false)
      } else {
        expect(result.output).not.toContain("rror")
        expect(result.ok).toBe(true)
      }
    })
  }

  it("makes a new key pair every time", async () => {
    const [a, b] = await Effect.runPromise(Effect.all([generateAsymmetricKeyPair("ECC_NIST_P256"), generateAsymmetricKeyPair("ECC_NIST_P256")]))
    expect(a!.publicKey).not.toEqual(b!.publicKey)
    expect(a!.privateKey.equals(b!.privateKey)).toBe(false)
  })

  it("writes ML-DSA private keys with their 32-byte seed, which EXTERNAL_MU signing needs", async () => {
    const pair = await Effect.runPromise(generateAsymmetricKeyPair("ML_DSA_65"))
    const key = createPrivateKey({ key: Buffer.from(pair.privateKey.unsafeBytes()), format: "der", type: "pkcs8" })
    expect(key.export({ format: "raw-seed" }).length).toBe(32)
  })
})

describe("generateDataKeyPair", () => {
  for (const spec of dataKeyPairSpecs.filter((s) => s !== "SM2")) {
    it(`${spec}: gives the same kind of pair as generateAsymmetricKeyPair`, async () => {
      const pair = await Effect.runPromise(generateDataKeyPair(spec))
      const publicKey = createPublicKey({ key: Buffer.from(pair.publicKey), format: "der", type: "spki" })
      expect(publicKey.asymmetricKeyType).toBe(expectedKey[spec].type)
      expect(publicKey.asymmetricKeyDetails).toEqual(expectedKey[spec].details)
    })
  }

  it("refuses SM2 as UnsupportedKeySpec (AWS offers it in China Regions only)", async () => {
    const error = await Effect.runPromise(Effect.flip(generateDataKeyPair("SM2")))
    expect(error._tag).toBe("UnsupportedKeySpec")
    expect(error.keySpec).toBe("SM2")
    expect(error.message).toBe("Key spec SM2 is not supported.")
  })
})
