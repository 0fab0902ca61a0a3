import { Effect } from "effect"
import { createPrivateKey, generateKeyPairSync } from "node:crypto"
import { inspect } from "node:util"
import { beforeAll, describe, expect, it } from "vitest"
import { SecretBytes } from "../SecretBytes.ts"
import { asymmetricKeySpecs, type AsymmetricKeySpec } from "./AsymmetricKeySpec.ts"
import { publicKeyFromPrivateKey } from "./PublicKeyFromPrivateKey.ts"
import { type TestKey, testKeysForEverySpec } from "./testKeys.test-support.ts"

let keys: ReadonlyMap<AsymmetricKeySpec, TestKey>
beforeAll(async () => {
  keys = await testKeysForEverySpec()
}, 120_000)
const pairOf = (spec: AsymmetricKeySpec) => keys.get(spec)!.pair

const failure = (spec: AsymmetricKeySpec, pkcs8: Uint8Array) =>
  Effect.runPromise(Effect.flip(publicKeyFromPrivateKey(spec, SecretBytes.copy(pkcs8))))

const nodePkcs8 = (key: ReturnType<typeof generateKeyPairSync>["privateKey"]) =>
  new Uint8Array(key.export({ format: "der", type: "pkcs8" }))

describe("publicKeyFromPrivateKey", () => {
  for (const spec of asymmetricKeySpecs) {
    it(`${spec}: returns the SPKI of a generated key's PKCS#8`, async () => {
      const pair = pairOf(spec)
      expect(await Effect.runPromise(publicKeyFromPrivateKey(spec, pair.privateKey))).toEqual(pair.publicKey)
    })
  }

  it.each<[string, AsymmetricKeySpec, AsymmetricKeySpec]>([
    ["a P-256 key named P-384", "ECC_NIST_P256", "ECC_NIST_P384"],
    ["a P-384 key named P-256", "ECC_NIST_P384", "ECC_NIST_P256"],
    ["a secp256k1 key named P-256", "ECC_SECG_P256K1", "ECC_NIST_P256"],
    ["a P-521 key named secp256k1", "ECC_NIST_P521", "ECC_SECG_P256K1"],
    ["an RSA 2048 key named RSA 3072", "RSA_2048", "RSA_3072"],
    ["an RSA 4096 key named RSA 2048", "RSA_4096", "RSA_2048"],
    ["an Ed25519 key named P-256", "ECC_NIST_EDWARDS25519", "ECC_NIST_P256"],
    ["an ML-DSA-44 key named ML-DSA-65", "ML_DSA_44", "ML_DSA_65"],
    ["an ML-DSA-87 key named Ed25519", "ML_DSA_87", "ECC_NIST_EDWARDS25519"],
    ["a P-256 key named RSA 2048", "ECC_NIST_P256", "RSA_2048"]
  ])("refuses %s as InvalidKeyMaterial naming both", async (_, actual, named) => {
    const error = await failure(named, pairOf(actual).privateKey.unsafeBytes())
    expect(error._tag).toBe("InvalidKeyMaterial")
    expect(error.message).toMatch(new RegExp(`^key spec ${named} needs .*, got `))
  })

  it("refuses an RSA key whose PKCS#8 names id-RSASSA-PSS rather than rsaEncryption", async () => {
    const { privateKey } = generateKeyPairSync("rsa-pss", { modulusLength: 2048 })
    const error = await failure("RSA_2048", nodePkcs8(privateKey))
    expect(error.message).toBe("key spec RSA_2048 needs an RSA key of 2048 bits, got a rsa-pss key")
  })

  it("refuses an RSA key with a modulus AWS does not offer (1024 bits)", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 })
    expect((await failure("RSA_2048", nodePkcs8(privateKey))).message).toContain("got an RSA key of 1024 bits")
  })

  it.each<[string, Uint8Array]>([
    ["no bytes", new Uint8Array(0)],
    ["random bytes", Uint8Array.from({ length: 121 }, (_, i) => (i * 37 + 11) & 0xff)],
    ["a PEM text", new TextEncoder().encode("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n")]
  ])("refuses %s as a PKCS#8 that does not parse", async (_, bytes) => {
    const error = await failure("ECC_NIST_P256", bytes)
    expect(error.message).toBe("private key for ECC_NIST_P256 is not a DER PKCS#8 PrivateKeyInfo that parses")
  })

  it("refuses an SPKI (the public half) given as the private key", async () => {
    expect((await failure("ECC_NIST_P256", pairOf("ECC_NIST_P256").publicKey))._tag).toBe("InvalidKeyMaterial")
  })

  it("refuses a truncated PKCS#8", async () => {
    const pkcs8 = pairOf("RSA_2048").privateKey.unsafeBytes()
    expect((await failure("RSA_2048", pkcs8.subarray(0, pkcs8.length - 1)))._tag).toBe("InvalidKeyMaterial")
  })

  it("refuses an EC PKCS#8 whose embedded public point belongs to another key (pairwise consistency)", async () => {
    const mine = pairOf("ECC_NIST_P256").privateKey.unsafeBytes()
    const other = pairOf("ECC_NIST_P256").publicKey
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" })
    const foreign = nodePkcs8(privateKey)
    // ECPrivateKey ends with [1] publicKey BIT STRING { 0x04 ‖ x ‖ y }: put another key's point there.
    foreign.set(other.subarray(other.length - 65), foreign.length - 65)
    expect(Buffer.from(foreign.subarray(foreign.length - 65))).toEqual(Buffer.from(other.subarray(other.length - 65)))
    expect(mine).not.toEqual(foreign)
    const error = await failure("ECC_NIST_P256", foreign)
    expect(error.message).toBe("private key for ECC_NIST_P256 fails its pairwise consistency test")
  })

  it("refuses an ML-DSA PKCS#8 holding only the expanded key, without the seed EXTERNAL_MU signing needs", async () => {
    const both = pairOf("ML_DSA_44").privateKey.unsafeBytes()
    const expanded = both.subarray(both.length - 2560) // the "both" form ends with the expanded key
    const header = Uint8Array.of(
      ...[0x30, 0x82, 0x0a, 0x18, 0x02, 0x01, 0x00],
      ...[0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x11],
      ...[0x04, 0x82, 0x0a, 0x04, 0x04, 0x82, 0x0a, 0x00]
    )
    const expandedOnly = new Uint8Array(header.length + expanded.length)
    expandedOnly.set(header)
    expandedOnly.set(expanded, header.length)
    expect(createPrivateKey({ key: Buffer.from(expandedOnly), format: "der", type: "pkcs8" }).asymmetricKeyType).toBe("ml-dsa-44")
    const error = await failure("ML_DSA_44", expandedOnly)
    expect(error.message).toBe("private key for ML_DSA_44 must carry its 32-byte seed")
  })

  it("never puts key bytes in its error", async () => {
    const pkcs8 = pairOf("ECC_NIST_P256").privateKey.unsafeBytes()
    const error = await failure("ECC_NIST_P384", pkcs8)
    const rendered = `${JSON.stringify(error)} ${inspect(error, { depth: 10 })} ${String(error)}`
    const jwk = createPrivateKey({ key: Buffer.from(pkcs8), format: "der", type: "pkcs8" }).export({ format: "jwk" })
    const scalarHex = Buffer.from(jwk.d!, "base64url").toString("hex")
    expect(rendered).not.toContain(scalarHex.slice(0, 16))
    expect(rendered).not.toContain(Buffer.from(pkcs8).toString("base64").slice(20, 40))
  })
})
