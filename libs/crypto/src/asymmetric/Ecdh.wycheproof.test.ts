import { Effect, Schema } from "effect"
import { createECDH, createPrivateKey } from "node:crypto"
import { describe, expect, it } from "vitest"
import secp256r1Json from "../vectors/ecdh_secp256r1_test.json" with { type: "json" }
import secp384r1Json from "../vectors/ecdh_secp384r1_test.json" with { type: "json" }
import secp521r1Json from "../vectors/ecdh_secp521r1_test.json" with { type: "json" }
import { SecretBytes } from "../SecretBytes.ts"
import { caseName, hex, wycheproofCaseFields } from "../wycheproof.test-support.ts"
import type { AsymmetricKeySpec } from "./AsymmetricKeySpec.ts"
import { AsymmetricPrivateKey } from "./AsymmetricPrivateKey.ts"

// Project Wycheproof ECDH vectors with the peer key as a DER SubjectPublicKeyInfo (the form
// DeriveSharedSecret takes), on the three curves AWS offers ECDH on. Source: ../vectors/README.md.
const EcdhTestFile = Schema.Struct({
  algorithm: Schema.Literal("ECDH"),
  schema: Schema.Literal("ecdh_test_schema_v1.json"),
  numberOfTests: Schema.Number,
  testGroups: Schema.Array(Schema.Struct({
    type: Schema.Literal("EcdhTest"),
    curve: Schema.String,
    encoding: Schema.Literal("asn"),
    tests: Schema.Array(Schema.Struct({ ...wycheproofCaseFields, public: Schema.String, private: Schema.String, shared: Schema.String }))
  }))
})

const files: ReadonlyArray<{
  readonly name: string
  readonly json: unknown
  readonly spec: AsymmetricKeySpec
  readonly curve: string
  readonly opensslCurve: string
  readonly jwkCurve: string
  readonly bytes: number
}> = [
  { name: "ecdh_secp256r1_test.json", json: secp256r1Json, spec: "ECC_NIST_P256", curve: "secp256r1", opensslCurve: "prime256v1", jwkCurve: "P-256", bytes: 32 },
  { name: "ecdh_secp384r1_test.json", json: secp384r1Json, spec: "ECC_NIST_P384", curve: "secp384r1", opensslCurve: "secp384r1", jwkCurve: "P-384", bytes: 48 },
  { name: "ecdh_secp521r1_test.json", json: secp521r1Json, spec: "ECC_NIST_P521", curve: "secp521r1", opensslCurve: "secp521r1", jwkCurve: "P-521", bytes: 66 }
]

/** Wycheproof gives the private key as a big-endian integer (maybe with a sign byte); Trent takes PKCS#8. */
const pkcs8Of = (file: (typeof files)[number], privateHex: string): SecretBytes => {
  const scalar = hex(privateHex.padStart(2 * file.bytes, "0").slice(-2 * file.bytes))
  const ecdh = createECDH(file.opensslCurve)
  ecdh.setPrivateKey(scalar)
  const point = ecdh.getPublicKey()
  const coordinate = (from: number) => point.subarray(from, from + file.bytes).toString("base64url")
  const key = createPrivateKey({
    key: { kty: "EC", crv: file.jwkCurve, d: Buffer.from(scalar).toString("base64url"), x: coordinate(1), y: coordinate(1 + file.bytes) },
    format: "jwk"
  })
  return SecretBytes.adopt(new Uint8Array(key.export({ format: "der", type: "pkcs8" })))
}

for (const file of files) {
  const vectors = Schema.decodeUnknownSync(EcdhTestFile)(file.json)
  const cases = vectors.testGroups.flatMap((group) => group.tests.map((test) => ({ group, test })))

  describe(`Wycheproof ${file.name} through AsymmetricPrivateKey.deriveSharedSecret (${file.spec})`, () => {
    it(`runs every case, all on ${file.curve}`, () => {
      expect(cases.length).toBe(vectors.numberOfTests)
      expect(vectors.testGroups.every((group) => group.curve === file.curve)).toBe(true)
    })

    for (const { test } of cases) {
      it(`${caseName(test)}: ${test.result}`, async () => {
        const key = await Effect.runPromise(AsymmetricPrivateKey.fromPkcs8(file.spec, pkcs8Of(file, test.private)))
        const exit = await Effect.runPromiseExit(key.deriveSharedSecret(hex(test.public)))
        if (exit._tag === "Success") {
          // An accepted peer key ("valid", or "acceptable" such as a compressed point) must give the right secret.
          expect(test.result).not.toBe("invalid")
          expect(exit.value.length).toBe(file.bytes)
          expect(Buffer.from(exit.value.unsafeBytes()).toString("hex")).toBe(test.shared)
        } else {
          expect(test.result).not.toBe("valid")
          expect(JSON.stringify(exit)).toContain("InvalidPublicKey")
        }
      })
    }
  })
}
