import { ed25519ph } from "@noble/curves/ed25519.js"
import { Effect } from "effect"
import { constants, createHash, createPublicKey, randomBytes, verify } from "node:crypto"
import { beforeAll, describe, expect, it } from "vitest"
import { asymmetricKeySpecs, type AsymmetricKeySpec } from "./AsymmetricKeySpec.ts"
import { opensslCli } from "./opensslCli.test-support.ts"
import { verifySignature } from "./SignatureVerification.ts"
import { type HashName, type MessageType, type SigningAlgorithm, signingAlgorithmParameters, signingAlgorithmsBySpec } from "./SigningAlgorithm.ts"
import { type TestKey, testKeysForEverySpec } from "./testKeys.test-support.ts"

// Every spec × algorithm × message type: Trent signs, and Trent, node:crypto and the openssl
// command line verify. OpenSSL 3.0 has no ML-DSA and no Ed25519ph: those two are checked
// with node:crypto (ML-DSA) and @noble/curves' ed25519ph, an implementation Trent's
// Ed25519ph path shares, so the RFC 8032 known-answer test in Ed25519Signature.test.ts backs it.

const openssl = opensslCli()
let keys: ReadonlyMap<AsymmetricKeySpec, TestKey>
beforeAll(async () => {
  keys = await testKeysForEverySpec()
}, 120_000)
const keyOf = (spec: AsymmetricKeySpec): TestKey => keys.get(spec)!

const hashOf = (algorithm: SigningAlgorithm): HashName => signingAlgorithmParameters[algorithm].hash as HashName
const digest = (hash: HashName, message: Uint8Array) => new Uint8Array(createHash(hash).update(message).digest())
const shake256 = (...parts: ReadonlyArray<Uint8Array>) => {
  const h = createHash("shake256", { outputLength: 64 })
  for (const part of parts) h.update(part)
  return new Uint8Array(h.digest())
}

/** μ for pure ML-DSA with an empty context: SHAKE256(SHAKE256(pk, 64) ‖ 0x00 ‖ 0x00 ‖ M, 64) (FIPS 204 Algorithms 2 and 7). */
const externalMu = (spki: Uint8Array, message: Uint8Array): Uint8Array => {
  const pk = createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" }).export({ format: "raw-public" })
  return shake256(shake256(pk), Uint8Array.of(0, 0), message)
}

/** The Message a caller sends for `messageType`, made from the original message. */
const messageFor = (spki: Uint8Array, algorithm: SigningAlgorithm, messageType: MessageType, original: Uint8Array) =>
  messageType === "RAW" ? original : messageType === "DIGEST" ? digest(hashOf(algorithm), original) : externalMu(spki, original)

const nodeOptions = (algorithm: SigningAlgorithm) => {
  const { scheme } = signingAlgorithmParameters[algorithm]
  if (scheme === "rsassa-pss") return { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
  if (scheme === "ecdsa") return { dsaEncoding: "der" as const }
  return {}
}

const expectedSignatureBytes: { readonly [S in AsymmetricKeySpec]?: number } = {
  RSA_2048: 256,
  RSA_3072: 384,
  RSA_4096: 512,
  ECC_NIST_EDWARDS25519: 64,
  ML_DSA_44: 2420,
  ML_DSA_65: 3309,
  ML_DSA_87: 4627
}

const cases = asymmetricKeySpecs.flatMap((spec) =>
  signingAlgorithmsBySpec[spec].flatMap((algorithm) =>
    signingAlgorithmParameters[algorithm].messageTypes.map((messageType) => ({ spec, algorithm, messageType }))
  )
)

describe("Sign on every spec, algorithm and message type, checked by independent verifiers", () => {
  it("covers 62 combinations (RSA 3 × 6 × 2, ECDSA 4 × 2, Ed25519 2, ML-DSA 3 × 2)", () => {
    expect(cases.length).toBe(36 + 8 + 2 + 6)
  })

  for (const { spec, algorithm, messageType } of cases) {
    it(`${spec} ${algorithm} ${messageType}: the signature verifies with Trent, node:crypto and openssl`, async () => {
      const { key, pair } = keyOf(spec)
      const original = new Uint8Array(randomBytes(1 + (randomBytes(2).readUInt16BE() % 4096)))
      const message = messageFor(pair.publicKey, algorithm, messageType, original)
      const signature = await Effect.runPromise(key.sign({ algorithm, messageType, message }))
      const expectedLength = expectedSignatureBytes[spec]
      if (expectedLength !== undefined) expect(signature.length).toBe(expectedLength)

      const trent = await Effect.runPromise(
        verifySignature({ spec, publicKey: pair.publicKey, algorithm, messageType, message, signature })
      )
      expect(trent).toBe(true)

      const publicKey = createPublicKey({ key: Buffer.from(pair.publicKey), format: "der", type: "spki" })
      const { scheme } = signingAlgorithmParameters[algorithm]
      if (scheme === "ed25519ph") {
        // AWS hashes the 64-byte DIGEST once more (FIPS 186-5 §7.8.1 step 1): the signature is
        // Ed25519ph over M = the digest sent, not over the message it was the digest of.
        const raw = publicKey.export({ format: "jwk" }).x!
        const rawPublic = Uint8Array.from(Buffer.from(raw, "base64url"))
        expect(ed25519ph.verify(signature, message, rawPublic, { zip215: false })).toBe(true)
        expect(ed25519ph.verify(signature, original, rawPublic, { zip215: false })).toBe(false)
        return
      }
      const nodeHash = scheme === "ed25519" || scheme === "ml-dsa" ? null : hashOf(algorithm)
      // node:crypto verifies the original message with its own hashing, for every message type.
      expect(verify(nodeHash, original, { key: publicKey, ...nodeOptions(algorithm) }, signature)).toBe(true)

      if (scheme === "ml-dsa") return // OpenSSL 3.0 has no ML-DSA.
      if (scheme === "ed25519") {
        expect(openssl.verifiesEd25519({ spki: pair.publicKey, message, signature }).ok).toBe(true)
        return
      }
      const hash = hashOf(algorithm)
      const rsaPadding = scheme === "rsassa-pss" ? "pss" : scheme === "rsassa-pkcs1-v1_5" ? "pkcs1" : undefined
      const byMessage = openssl.verifiesMessage({ spki: pair.publicKey, digest: hash, rsaPadding, message: original, signature })
      expect(byMessage.output).toContain("Verified OK")
      const byDigest = openssl.verifiesDigest({
        spki: pair.publicKey,
        digest: hash,
        rsaPadding,
        digestBytes: digest(hash, original),
        signature
      })
      expect(byDigest.output).toContain("Signature Verified Successfully")
    })
  }

  it("openssl is no rubber stamp: it refuses a signature with one bit flipped", async () => {
    const { key, pair } = keyOf("ECC_NIST_P256")
    const message = new TextEncoder().encode("control")
    const signature = await Effect.runPromise(key.sign({ algorithm: "ECDSA_SHA_256", messageType: "RAW", message }))
    signature[signature.length - 1] = signature[signature.length - 1]! ^ 1
    const result = openssl.verifiesMessage({ spki: pair.publicKey, digest: "sha256", message, signature })
    expect(result.ok).toBe(false)
    expect(result.output).not.toContain("Verified OK")
  })
})
