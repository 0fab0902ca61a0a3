import { Effect } from "effect"
import { createPrivateKey, createPublicKey } from "node:crypto"
import { describe, expect, it } from "vitest"
import { SecretBytes } from "../SecretBytes.ts"
import { AsymmetricPrivateKey } from "./AsymmetricPrivateKey.ts"
import { ed25519Sign, ed25519Verify } from "./Ed25519Signature.ts"
import { verifySignature } from "./SignatureVerification.ts"

const hex = (text: string) => Uint8Array.from(Buffer.from(text, "hex"))

/** RFC 8032 §7.3, the Ed25519ph test vector ("abc"). */
const rfc8032ph = {
  secret: hex("833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42"),
  public: hex("ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf"),
  message: hex("616263"),
  signature: hex(
    "98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae4131f85042463c2a355a2003d062adf5aaa10b8c61e636062aaad11c2a26083406"
  )
}

const keyObjects = (secret: Uint8Array, publicKey: Uint8Array) => {
  const jwk = { kty: "OKP", crv: "Ed25519", d: Buffer.from(secret).toString("base64url"), x: Buffer.from(publicKey).toString("base64url") }
  const privateKey = createPrivateKey({ key: jwk, format: "jwk" })
  return { privateKey, publicKey: createPublicKey(privateKey) }
}

describe("Ed25519ph (ED25519_PH_SHA_512)", () => {
  it("matches RFC 8032's Ed25519ph test vector exactly (§7.3)", () => {
    const { privateKey, publicKey } = keyObjects(rfc8032ph.secret, rfc8032ph.public)
    expect(ed25519Sign(privateKey, () => rfc8032ph.secret, true, rfc8032ph.message)).toEqual(rfc8032ph.signature)
    expect(ed25519Verify(publicKey, () => rfc8032ph.public, true, rfc8032ph.message, rfc8032ph.signature)).toBe(true)
    expect(ed25519Verify(publicKey, () => rfc8032ph.public, false, rfc8032ph.message, rfc8032ph.signature)).toBe(false)
  })

  it("signs the 64-byte DIGEST as Ed25519ph's M, so SHA-512 is applied to it once more, as AWS documents", async () => {
    // AWS KMS API Reference, Sign, MessageType: "KMS still performs the SHA-512 prehash ... the
    // input is hashed twice: once by you and once by KMS."
    const { privateKey } = keyObjects(rfc8032ph.secret, rfc8032ph.public)
    const pkcs8 = SecretBytes.adopt(new Uint8Array(privateKey.export({ format: "der", type: "pkcs8" })))
    const key = await Effect.runPromise(AsymmetricPrivateKey.fromPkcs8("ECC_NIST_EDWARDS25519", pkcs8))
    const digest = new Uint8Array(64).map((_, i) => i)
    const signature = await Effect.runPromise(key.sign({ algorithm: "ED25519_PH_SHA_512", messageType: "DIGEST", message: digest }))
    expect(signature).toEqual(ed25519Sign(privateKey, () => rfc8032ph.secret, true, digest))
    const verified = await Effect.runPromise(
      verifySignature({
        spec: "ECC_NIST_EDWARDS25519",
        publicKey: key.publicKey,
        algorithm: "ED25519_PH_SHA_512",
        messageType: "DIGEST",
        message: digest,
        signature
      })
    )
    expect(verified).toBe(true)
  })

  it("is false, never an error, for a signature that is not 64 bytes or not canonical", () => {
    const { publicKey } = keyObjects(rfc8032ph.secret, rfc8032ph.public)
    const nonCanonical = Uint8Array.from(rfc8032ph.signature)
    nonCanonical.fill(0xff, 32) // S ≥ L
    for (const bad of [new Uint8Array(0), rfc8032ph.signature.subarray(1), Uint8Array.of(...rfc8032ph.signature, 0), nonCanonical]) {
      expect(ed25519Verify(publicKey, () => rfc8032ph.public, true, rfc8032ph.message, bad)).toBe(false)
      expect(ed25519Verify(publicKey, () => rfc8032ph.public, false, rfc8032ph.message, bad)).toBe(false)
    }
  })
})

describe("Ed25519 (ED25519_SHA_512)", () => {
  it("matches RFC 8032's test vector 2 exactly (§7.1)", () => {
    const secret = hex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")
    const publicBytes = hex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")
    const { privateKey, publicKey } = keyObjects(secret, publicBytes)
    const signature = ed25519Sign(privateKey, () => secret, false, hex("72"))
    expect(Buffer.from(signature).toString("hex")).toBe(
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
    )
    expect(ed25519Verify(publicKey, () => publicBytes, false, hex("72"), signature)).toBe(true)
  })
})
