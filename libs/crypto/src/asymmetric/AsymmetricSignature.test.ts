import { checkProperty } from "@trent/testing"
import { Effect } from "effect"
import * as fc from "fast-check"
import { createHash } from "node:crypto"
import { beforeAll, describe, expect, it } from "vitest"
import { asymmetricKeySpecs, type AsymmetricKeySpec } from "./AsymmetricKeySpec.ts"
import { verifySignature } from "./SignatureVerification.ts"
import { type MessageType, type SigningAlgorithm, signingAlgorithmParameters, signingAlgorithmsBySpec } from "./SigningAlgorithm.ts"
import { type TestKey, testKeysForEverySpec } from "./testKeys.test-support.ts"

let keys: ReadonlyMap<AsymmetricKeySpec, TestKey>
beforeAll(async () => {
  keys = await testKeysForEverySpec()
}, 120_000)

interface Combination {
  readonly spec: AsymmetricKeySpec
  readonly algorithm: SigningAlgorithm
  readonly messageType: MessageType
}

const combinations: ReadonlyArray<Combination> = asymmetricKeySpecs.flatMap((spec) =>
  signingAlgorithmsBySpec[spec].flatMap((algorithm) =>
    signingAlgorithmParameters[algorithm].messageTypes.map((messageType) => ({ spec, algorithm, messageType }))
  )
)

/** A combination and a message it takes: RAW of 1..4096 bytes (often the extremes), or a digest / μ of exact length. */
const signingCase = fc.constantFrom(...combinations).chain((combination) =>
  fc.record({
    combination: fc.constant(combination),
    message: combination.messageType === "RAW"
      ? fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.uint8Array({ minLength: 1, maxLength: 4096, size: "max" }))
      : fc.uint8Array({
        minLength: signingAlgorithmParameters[combination.algorithm].digestBytes,
        maxLength: signingAlgorithmParameters[combination.algorithm].digestBytes
      })
  })
)

const signed = (combination: Combination, message: Uint8Array) =>
  Effect.runPromise(keys.get(combination.spec)!.key.sign({ ...combination, message }))

const verified = (combination: Combination, message: Uint8Array, signature: Uint8Array) =>
  Effect.runPromise(
    verifySignature({ ...combination, publicKey: keys.get(combination.spec)!.pair.publicKey, message, signature })
  )

const flipBit = (bytes: Uint8Array, bit: number): Uint8Array => {
  const copy = Uint8Array.from(bytes)
  const at = bit % (copy.length * 8)
  copy[at >> 3] = copy[at >> 3]! ^ (1 << (at & 7))
  return copy
}

describe("sign and verifySignature properties, over every spec × algorithm × message type", () => {
  it("verifies every signature Trent makes", () =>
    checkProperty(
      "sign → verify",
      fc.asyncProperty(signingCase, async ({ combination, message }) => {
        expect(await verified(combination, message, await signed(combination, message))).toBe(true)
      })
    ))

  it("refuses the signature once any one bit of the message is flipped", () =>
    checkProperty(
      "message bit flip → false",
      fc.asyncProperty(signingCase, fc.nat(), async ({ combination, message }, bit) => {
        const signature = await signed(combination, message)
        expect(await verified(combination, flipBit(message, bit), signature)).toBe(false)
      })
    ))

  it("refuses the signature once any one bit of it is flipped", () =>
    checkProperty(
      "signature bit flip → false",
      fc.asyncProperty(signingCase, fc.nat(), async ({ combination, message }, bit) => {
        const signature = await signed(combination, message)
        expect(await verified(combination, message, flipBit(signature, bit))).toBe(false)
      })
    ))
})

describe("verifySignature on malformed and misplaced signatures", () => {
  for (const combination of combinations) {
    const { spec, algorithm, messageType } = combination
    it(`${spec} ${algorithm} ${messageType}: false, never an error, for a signature that is not one`, async () => {
      const message = new Uint8Array(signingAlgorithmParameters[algorithm].digestBytes).fill(7)
      const signature = await signed(combination, message)
      const otherSpec = asymmetricKeySpecs.find((s) => s !== spec && signingAlgorithmsBySpec[s].includes(algorithm))
      const malformed: ReadonlyArray<Uint8Array> = [
        new Uint8Array(0),
        Uint8Array.of(0x30),
        signature.subarray(0, signature.length - 1),
        Uint8Array.of(...signature, 0),
        new Uint8Array(signature.length),
        new Uint8Array(signature.length).fill(0xff),
        Uint8Array.of(0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00)
      ]
      for (const bad of malformed) expect(await verified(combination, message, bad)).toBe(false)
      if (otherSpec !== undefined) {
        const foreign = await signed({ ...combination, spec: otherSpec }, message)
        expect(await verified(combination, message, foreign)).toBe(false)
      }
    })
  }

  it("refuses a PSS signature checked as PKCS#1 v1.5 and the other way round", async () => {
    const message = new TextEncoder().encode("padding confusion")
    const pss = await signed({ spec: "RSA_2048", algorithm: "RSASSA_PSS_SHA_256", messageType: "RAW" }, message)
    const pkcs1 = await signed({ spec: "RSA_2048", algorithm: "RSASSA_PKCS1_V1_5_SHA_256", messageType: "RAW" }, message)
    expect(await verified({ spec: "RSA_2048", algorithm: "RSASSA_PKCS1_V1_5_SHA_256", messageType: "RAW" }, message, pss)).toBe(false)
    expect(await verified({ spec: "RSA_2048", algorithm: "RSASSA_PSS_SHA_256", messageType: "RAW" }, message, pkcs1)).toBe(false)
  })

  it("fails with InvalidPublicKey for a public key of another spec, and with the signing rules' errors", async () => {
    const input = { spec: "ECC_NIST_P384", algorithm: "ECDSA_SHA_384", messageType: "RAW", message: new Uint8Array(1), signature: new Uint8Array(8) } as const
    const wrongKey = await Effect.runPromise(Effect.flip(verifySignature({ ...input, publicKey: keys.get("ECC_NIST_P256")!.pair.publicKey })))
    expect(wrongKey.message).toBe("key spec ECC_NIST_P384 needs an EC key on secp384r1, got an EC key on prime256v1")
    const garbage = await Effect.runPromise(Effect.flip(verifySignature({ ...input, publicKey: Uint8Array.of(1, 2, 3) })))
    expect(garbage._tag).toBe("InvalidPublicKey")
    const digest = await Effect.runPromise(
      Effect.flip(verifySignature({ ...input, messageType: "DIGEST", publicKey: keys.get("ECC_NIST_P384")!.pair.publicKey }))
    )
    expect(digest.message).toBe("Digest is invalid length for algorithm ECDSA_SHA_384.")
  })
})

describe("what is random and what is not", () => {
  const twice = async (combination: Combination, message: Uint8Array) => [await signed(combination, message), await signed(combination, message)]
  const message = new TextEncoder().encode("same message")

  it.each<Combination>([
    { spec: "RSA_2048", algorithm: "RSASSA_PSS_SHA_256", messageType: "RAW" },
    { spec: "RSA_2048", algorithm: "RSASSA_PSS_SHA_256", messageType: "DIGEST" },
    { spec: "ECC_NIST_P256", algorithm: "ECDSA_SHA_256", messageType: "RAW" },
    { spec: "ECC_NIST_P256", algorithm: "ECDSA_SHA_256", messageType: "DIGEST" },
    { spec: "ML_DSA_44", algorithm: "ML_DSA_SHAKE_256", messageType: "RAW" },
    { spec: "ML_DSA_44", algorithm: "ML_DSA_SHAKE_256", messageType: "EXTERNAL_MU" }
  ])("$spec $algorithm $messageType signs the same message differently each time (fresh salt or nonce)", async (combination) => {
    const input = combination.messageType === "RAW" ? message : new Uint8Array(signingAlgorithmParameters[combination.algorithm].digestBytes)
    const [first, second] = await twice(combination, input)
    expect(first).not.toEqual(second)
  })

  it("PKCS#1 v1.5 is deterministic, and signing the DIGEST gives exactly the RAW signature", async () => {
    for (const [algorithm, hash] of [["RSASSA_PKCS1_V1_5_SHA_256", "sha256"], ["RSASSA_PKCS1_V1_5_SHA_384", "sha384"], ["RSASSA_PKCS1_V1_5_SHA_512", "sha512"]] as const) {
      const raw = await signed({ spec: "RSA_3072", algorithm, messageType: "RAW" }, message)
      const digest = new Uint8Array(createHash(hash).update(message).digest())
      expect(await signed({ spec: "RSA_3072", algorithm, messageType: "DIGEST" }, digest)).toEqual(raw)
    }
  })

  it("Ed25519 and Ed25519ph are deterministic (RFC 8032)", async () => {
    const [pure1, pure2] = await twice({ spec: "ECC_NIST_EDWARDS25519", algorithm: "ED25519_SHA_512", messageType: "RAW" }, message)
    expect(pure1).toEqual(pure2)
    const digest = new Uint8Array(64).fill(1)
    const [ph1, ph2] = await twice({ spec: "ECC_NIST_EDWARDS25519", algorithm: "ED25519_PH_SHA_512", messageType: "DIGEST" }, digest)
    expect(ph1).toEqual(ph2)
  })
})
