import { Effect, Formatter } from "effect"
import { createPrivateKey } from "node:crypto"
import { inspect } from "node:util"
import { beforeAll, describe, expect, it } from "vitest"
import { SecretBytes } from "../SecretBytes.ts"
import { AsymmetricPrivateKey } from "./AsymmetricPrivateKey.ts"
import { type TestKey, testKey } from "./testKeys.test-support.ts"

let p256: TestKey
let rsa: TestKey
beforeAll(async () => {
  ;[p256, rsa] = await Promise.all([testKey("ECC_NIST_P256"), testKey("RSA_2048")])
}, 60_000)

/** The private scalar d of an EC PKCS#8, in hex. */
const scalarHex = (pkcs8: SecretBytes) =>
  Buffer.from(
    createPrivateKey({ key: Buffer.from(pkcs8.unsafeBytes()), format: "der", type: "pkcs8" }).export({ format: "jwk" }).d!,
    "base64url"
  ).toString("hex")

describe("AsymmetricPrivateKey", () => {
  it("parses a PKCS#8 of its spec and gives back the public key as a fresh SPKI copy", async () => {
    const key = await Effect.runPromise(AsymmetricPrivateKey.fromPkcs8("ECC_NIST_P256", p256.pair.privateKey))
    expect(key.spec).toBe("ECC_NIST_P256")
    expect(key.publicKey).toEqual(p256.pair.publicKey)
    key.publicKey.fill(0)
    expect(key.publicKey).toEqual(p256.pair.publicKey)
  })

  it("refuses a PKCS#8 of another spec as InvalidKeyMaterial", async () => {
    const error = await Effect.runPromise(Effect.flip(AsymmetricPrivateKey.fromPkcs8("RSA_3072", rsa.pair.privateKey)))
    expect(error).toMatchObject({ _tag: "InvalidKeyMaterial", message: "key spec RSA_3072 needs an RSA key of 3072 bits, got an RSA key of 2048 bits" })
  })

  it("refuses to decrypt with a key that is not RSA, and ECDH with an RSA key", async () => {
    const decrypt = await Effect.runPromise(Effect.flip(p256.key.decrypt({ algorithm: "RSAES_OAEP_SHA_256", ciphertext: new Uint8Array(256) })))
    expect(decrypt.message).toBe("Algorithm RSAES_OAEP_SHA_256 is incompatible with key spec ECC_NIST_P256.")
    const derive = await Effect.runPromise(Effect.flip(rsa.key.deriveSharedSecret(p256.pair.publicKey)))
    expect(derive.message).toBe("Algorithm ECDH is incompatible with key spec RSA_2048.")
  })

  it("never prints its key: String, JSON, util.inspect and Effect's formatter all say redacted", async () => {
    // Read the scalar after signing a DIGEST, so the @noble copy of the secret exists too.
    await Effect.runPromise(p256.key.sign({ algorithm: "ECDSA_SHA_256", messageType: "DIGEST", message: new Uint8Array(32) }))
    const scalar = scalarHex(p256.pair.privateKey)
    const renderings = [
      String(p256.key),
      `${p256.key}`,
      JSON.stringify({ key: p256.key }),
      inspect(p256.key, { showHidden: true, depth: 10 }),
      inspect({ nested: { key: p256.key } }, { depth: 10 }),
      Formatter.format({ key: p256.key })
    ]
    for (const text of renderings) {
      expect(text).toContain("<AsymmetricPrivateKey redacted>")
      expect(text).not.toContain(scalar)
      expect(text).not.toContain(scalar.slice(0, 12))
    }
  })

  it("never puts the key bytes in an error, even for material that fails to parse", async () => {
    const marked = SecretBytes.copy(Uint8Array.from({ length: 64 }, (_, i) => (i % 2 === 0 ? 0xc0 : 0xde)))
    const error = await Effect.runPromise(Effect.flip(AsymmetricPrivateKey.fromPkcs8("ECC_NIST_P256", marked)))
    const rendered = `${JSON.stringify(error)} ${inspect(error, { depth: 10 })} ${String(error)}`.toLowerCase()
    expect(rendered).not.toContain("c0de")
    expect(rendered).not.toContain("192,222")
  })
})
