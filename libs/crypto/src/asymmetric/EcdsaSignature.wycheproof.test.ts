import { Effect, Schema } from "effect"
import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import secp256k1Json from "../vectors/ecdsa_secp256k1_sha256_test.json" with { type: "json" }
import secp256r1Json from "../vectors/ecdsa_secp256r1_sha256_test.json" with { type: "json" }
import secp384r1Json from "../vectors/ecdsa_secp384r1_sha384_test.json" with { type: "json" }
import secp521r1Json from "../vectors/ecdsa_secp521r1_sha512_test.json" with { type: "json" }
import { caseName, hex, wycheproofCaseFields } from "../wycheproof.test-support.ts"
import type { AsymmetricKeySpec } from "./AsymmetricKeySpec.ts"
import { verifySignature } from "./SignatureVerification.ts"
import type { HashName, SigningAlgorithm } from "./SigningAlgorithm.ts"

// Project Wycheproof ECDSA verification vectors, DER signatures (ecdsa_verify_schema_v1):
// every case runs through both of Trent's verifiers, OpenSSL for RAW and @noble/curves for
// DIGEST (the SHA of msg), and both must give Wycheproof's answer. Source: ../vectors/README.md.
const EcdsaTestFile = Schema.Struct({
  algorithm: Schema.Literal("ECDSA"),
  schema: Schema.Literal("ecdsa_verify_schema_v1.json"),
  numberOfTests: Schema.Number,
  testGroups: Schema.Array(Schema.Struct({
    type: Schema.Literal("EcdsaVerify"),
    publicKeyDer: Schema.String,
    sha: Schema.String,
    tests: Schema.Array(Schema.Struct({ ...wycheproofCaseFields, msg: Schema.String, sig: Schema.String }))
  }))
})

const files: ReadonlyArray<{
  readonly name: string
  readonly json: unknown
  readonly spec: AsymmetricKeySpec
  readonly algorithm: SigningAlgorithm
  readonly sha: string
  readonly hash: HashName
}> = [
  { name: "ecdsa_secp256r1_sha256_test.json", json: secp256r1Json, spec: "ECC_NIST_P256", algorithm: "ECDSA_SHA_256", sha: "SHA-256", hash: "sha256" },
  { name: "ecdsa_secp384r1_sha384_test.json", json: secp384r1Json, spec: "ECC_NIST_P384", algorithm: "ECDSA_SHA_384", sha: "SHA-384", hash: "sha384" },
  { name: "ecdsa_secp521r1_sha512_test.json", json: secp521r1Json, spec: "ECC_NIST_P521", algorithm: "ECDSA_SHA_512", sha: "SHA-512", hash: "sha512" },
  { name: "ecdsa_secp256k1_sha256_test.json", json: secp256k1Json, spec: "ECC_SECG_P256K1", algorithm: "ECDSA_SHA_256", sha: "SHA-256", hash: "sha256" }
]

for (const file of files) {
  const vectors = Schema.decodeUnknownSync(EcdsaTestFile)(file.json)
  const cases = vectors.testGroups.flatMap((group) => group.tests.map((test) => ({ group, test })))

  describe(`Wycheproof ${file.name} through verifySignature (${file.spec}, ${file.algorithm})`, () => {
    it("runs every case in the file; every group uses the spec's one hash", () => {
      expect(cases.length).toBe(vectors.numberOfTests)
      expect(vectors.testGroups.every((group) => group.sha === file.sha)).toBe(true)
      expect(cases.some(({ test }) => test.result === "acceptable")).toBe(false)
    })

    for (const { group, test } of cases) {
      const expected = test.result === "valid"
      it(`${caseName(test)}: ${test.result}, as RAW and as DIGEST`, async () => {
        const message = hex(test.msg)
        const common = { spec: file.spec, publicKey: hex(group.publicKeyDer), algorithm: file.algorithm, signature: hex(test.sig) }
        const raw = await Effect.runPromise(verifySignature({ ...common, messageType: "RAW", message }))
        const digest = new Uint8Array(createHash(file.hash).update(message).digest())
        const prehashed = await Effect.runPromise(verifySignature({ ...common, messageType: "DIGEST", message: digest }))
        expect({ raw, prehashed }).toEqual({ raw: expected, prehashed: expected })
      })
    }
  })
}
