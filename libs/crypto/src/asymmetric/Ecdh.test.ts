import { checkProperty } from "@trent/testing"
import { Effect } from "effect"
import * as fc from "fast-check"
import { createPublicKey, diffieHellman, generateKeyPairSync, type KeyObject } from "node:crypto"
import { inspect } from "node:util"
import { beforeAll, describe, expect, it } from "vitest"
import { asymmetricKeySpecs, type AsymmetricKeySpec } from "./AsymmetricKeySpec.ts"
import { type TestKey, testKeysForEverySpec } from "./testKeys.test-support.ts"

const ecdhSpecs = [
  { spec: "ECC_NIST_P256", curve: "prime256v1", bytes: 32 },
  { spec: "ECC_NIST_P384", curve: "secp384r1", bytes: 48 },
  { spec: "ECC_NIST_P521", curve: "secp521r1", bytes: 66 }
] as const

let keys: ReadonlyMap<AsymmetricKeySpec, TestKey>
beforeAll(async () => {
  keys = await testKeysForEverySpec()
}, 120_000)
const keyOf = (spec: AsymmetricKeySpec) => keys.get(spec)!

const spkiOf = (key: KeyObject) => new Uint8Array(key.export({ format: "der", type: "spki" }))
const peer = (curve: string) => generateKeyPairSync("ec", { namedCurve: curve })
const derive = (spec: AsymmetricKeySpec, peerSpki: Uint8Array) => keyOf(spec).key.deriveSharedSecret(peerSpki)
const failure = (spec: AsymmetricKeySpec, peerSpki: Uint8Array) => Effect.runPromise(Effect.flip(derive(spec, peerSpki)))

describe("deriveSharedSecret (ECDH, AWS KMS API reference §3.2)", () => {
  for (const { spec, curve, bytes } of ecdhSpecs) {
    it(`${spec}: the raw ${bytes}-byte x-coordinate, the same node:crypto derives from the other side`, async () => {
      const other = peer(curve)
      const shared = await Effect.runPromise(derive(spec, spkiOf(other.publicKey)))
      const mine = createPublicKey({ key: Buffer.from(keyOf(spec).pair.publicKey), format: "der", type: "spki" })
      const theirs = diffieHellman({ privateKey: other.privateKey, publicKey: mine })
      expect(shared.length).toBe(bytes)
      expect(Buffer.from(shared.unsafeBytes())).toEqual(theirs)
    })

    it(`${spec}: agrees with node:crypto for any peer key`, () =>
      checkProperty(
        `ECDH ${spec} agreement`,
        fc.asyncProperty(fc.integer(), async () => {
          const other = peer(curve)
          const shared = await Effect.runPromise(derive(spec, spkiOf(other.publicKey)))
          const mine = createPublicKey({ key: Buffer.from(keyOf(spec).pair.publicKey), format: "der", type: "spki" })
          expect(Buffer.from(shared.unsafeBytes())).toEqual(diffieHellman({ privateKey: other.privateKey, publicKey: mine }))
        }),
        { numRuns: 50 }
      ))
  }

  it("refuses a peer key on another curve", async () => {
    const error = await failure("ECC_NIST_P256", spkiOf(peer("secp384r1").publicKey))
    expect(error).toMatchObject({ _tag: "InvalidPublicKey", message: "peer public key must be an EC key on prime256v1" })
    expect((await failure("ECC_NIST_P256", spkiOf(peer("secp256k1").publicKey)))._tag).toBe("InvalidPublicKey")
  })

  it("refuses a peer key that is not an EC key (RSA, Ed25519, X25519)", async () => {
    for (const other of [
      generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey,
      generateKeyPairSync("ed25519").publicKey,
      generateKeyPairSync("x25519").publicKey
    ]) {
      expect((await failure("ECC_NIST_P384", spkiOf(other)))._tag).toBe("InvalidPublicKey")
    }
  })

  it("refuses a point that is not on the curve (invalid-curve attack), and garbage", async () => {
    const spki = spkiOf(peer("prime256v1").publicKey)
    const offCurve = Uint8Array.from(spki)
    offCurve[offCurve.length - 1] = offCurve[offCurve.length - 1]! ^ 1 // y changed: y² ≠ x³ − 3x + b
    for (const bad of [offCurve, new Uint8Array(0), Uint8Array.of(0x30, 0x00), spki.subarray(0, spki.length - 1), Uint8Array.of(...spki, 0)]) {
      expect((await failure("ECC_NIST_P256", bad))._tag).toBe("InvalidPublicKey")
    }
  })

  it("accepts a compressed point (RFC 5480 §2.2), giving the same secret as the uncompressed one", async () => {
    const uncompressed = spkiOf(peer("prime256v1").publicKey)
    const point = uncompressed.subarray(-65) // 0x04 ‖ x ‖ y
    const header = Buffer.from("3039301306072a8648ce3d020106082a8648ce3d030107032200", "hex")
    const compressed = new Uint8Array(Buffer.concat([header, Buffer.of(0x02 | (point[64]! & 1)), point.subarray(1, 33)]))
    const fromCompressed = await Effect.runPromise(derive("ECC_NIST_P256", compressed))
    const fromUncompressed = await Effect.runPromise(derive("ECC_NIST_P256", uncompressed))
    expect(fromCompressed.equals(fromUncompressed)).toBe(true)
  })

  it("refuses a peer key with explicit curve parameters, even ones OpenSSL matches to the named curve", async () => {
    // Wycheproof ecdh_secp256r1_test.json tcId 359: P-256's parameters with the cofactor left out.
    const noCofactor =
      "308201303081e906072a8648ce3d02013081dd020101302c06072a8648ce3d0101022100ffffffff00000001000000000000000000000000ffffffffffffffffffffffff30440420ffffffff00000001000000000000000000000000fffffffffffffffffffffffc04205ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b0441046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5022100ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551034200041510264c189c3d523ff9916abd7069efa6968d8dc7ddb6457d7869b53ea60cdcfafb7ed4786da15d29ee59256f536da3575a4888c1bb0a95b256f4a7e9fd764a"
    const spki = Uint8Array.from(Buffer.from(noCofactor, "hex"))
    expect(createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" }).asymmetricKeyDetails?.namedCurve).toBe("prime256v1")
    expect(await failure("ECC_NIST_P256", spki)).toMatchObject({
      _tag: "InvalidPublicKey",
      message: "peer public key must be DER and name its curve (no explicit curve parameters)"
    })
  })

  for (const spec of asymmetricKeySpecs.filter((s) => !ecdhSpecs.some((e) => e.spec === s))) {
    it(`refuses ECDH on ${spec} with AWS's incompatibility message`, async () => {
      const error = await failure(spec, spkiOf(peer("prime256v1").publicKey))
      expect(error.message).toBe(`Algorithm ECDH is incompatible with key spec ${spec}.`)
    })
  }

  it("returns the shared secret as SecretBytes, which prints redacted", async () => {
    const shared = await Effect.runPromise(derive("ECC_NIST_P256", spkiOf(peer("prime256v1").publicKey)))
    expect(inspect(shared)).toBe("<SecretBytes redacted>")
    expect(JSON.stringify({ shared })).toBe('{"shared":"<SecretBytes redacted>"}')
  })
})
