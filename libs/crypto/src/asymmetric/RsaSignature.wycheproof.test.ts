import { Effect, Schema } from "effect"
import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import pkcs1_2048Json from "../vectors/rsa_signature_2048_sha256_test.json" with { type: "json" }
import pkcs1_3072Json from "../vectors/rsa_signature_3072_sha384_test.json" with { type: "json" }
import pkcs1_4096Json from "../vectors/rsa_signature_4096_sha512_test.json" with { type: "json" }
import pss2048Sha256Json from "../vectors/rsa_pss_2048_sha256_mgf1_32_test.json" with { type: "json" }
import pss2048Sha384Json from "../vectors/rsa_pss_2048_sha384_mgf1_48_test.json" with { type: "json" }
import pss4096Sha512Json from "../vectors/rsa_pss_4096_sha512_mgf1_64_test.json" with { type: "json" }
import { caseName, hex, wycheproofCaseFields } from "../wycheproof.test-support.ts"
import type { AsymmetricKeySpec } from "./AsymmetricKeySpec.ts"
import { verifySignature } from "./SignatureVerification.ts"
import type { HashName, SigningAlgorithm } from "./SigningAlgorithm.ts"

// Project Wycheproof RSASSA-PKCS1-v1_5 and RSASSA-PSS verification vectors. Every case runs
// through both of Trent's paths: RAW (OpenSSL's verify) and DIGEST (Trent's EMSA encodings over
// the raw RSA operation). Each file has one parameter set, the one AWS uses: PSS with MGF1 on the
// same hash and salt = hash length. Source: ../vectors/README.md.
const RsaTest = Schema.Struct({ ...wycheproofCaseFields, msg: Schema.String, sig: Schema.String })
const RsaTestFile = Schema.Struct({
  algorithm: Schema.Literals(["RSASSA-PKCS1-v1_5", "RSASSA-PSS"]),
  schema: Schema.Literals(["rsassa_pkcs1_verify_schema_v1.json", "rsassa_pss_verify_schema_v1.json"]),
  numberOfTests: Schema.Number,
  testGroups: Schema.Array(Schema.Struct({
    type: Schema.Literals(["RsassaPkcs1Verify", "RsassaPssVerify"]),
    keySize: Schema.Number,
    sha: Schema.String,
    mgfSha: Schema.optional(Schema.String),
    sLen: Schema.optional(Schema.Number),
    publicKeyDer: Schema.String,
    tests: Schema.Array(RsaTest)
  }))
})

interface VectorFile {
  readonly name: string
  readonly json: unknown
  readonly spec: AsymmetricKeySpec
  readonly algorithm: SigningAlgorithm
  readonly hash: HashName
}

const files: ReadonlyArray<VectorFile> = [
  { name: "rsa_signature_2048_sha256_test.json", json: pkcs1_2048Json, spec: "RSA_2048", algorithm: "RSASSA_PKCS1_V1_5_SHA_256", hash: "sha256" },
  { name: "rsa_signature_3072_sha384_test.json", json: pkcs1_3072Json, spec: "RSA_3072", algorithm: "RSASSA_PKCS1_V1_5_SHA_384", hash: "sha384" },
  { name: "rsa_signature_4096_sha512_test.json", json: pkcs1_4096Json, spec: "RSA_4096", algorithm: "RSASSA_PKCS1_V1_5_SHA_512", hash: "sha512" },
  { name: "rsa_pss_2048_sha256_mgf1_32_test.json", json: pss2048Sha256Json, spec: "RSA_2048", algorithm: "RSASSA_PSS_SHA_256", hash: "sha256" },
  { name: "rsa_pss_2048_sha384_mgf1_48_test.json", json: pss2048Sha384Json, spec: "RSA_2048", algorithm: "RSASSA_PSS_SHA_384", hash: "sha384" },
  { name: "rsa_pss_4096_sha512_mgf1_64_test.json", json: pss4096Sha512Json, spec: "RSA_4096", algorithm: "RSASSA_PSS_SHA_512", hash: "sha512" }
]

const wycheproofSha = { sha256: "SHA-256", sha384: "SHA-384", sha512: "SHA-512" } as const
const hashBytes = { sha256: 32, sha384: 48, sha512: 64 } as const

for (const file of files) {
  const vectors = Schema.decodeUnknownSync(RsaTestFile)(file.json)
  const cases = vectors.testGroups.flatMap((group) => group.tests.map((test) => ({ group, test })))

  describe(`Wycheproof ${file.name} through verifySignature (${file.spec}, ${file.algorithm})`, () => {
    it("runs every case; every group has the spec's modulus and AWS's hash, MGF1 hash and salt length", () => {
      expect(cases.length).toBe(vectors.numberOfTests)
      for (const group of vectors.testGroups) {
        expect(group.keySize).toBe(Number(file.spec.slice(4)))
        expect(group.sha).toBe(wycheproofSha[file.hash])
        if (vectors.algorithm === "RSASSA-PSS") {
          expect(group.mgfSha).toBe(wycheproofSha[file.hash])
          expect(group.sLen).toBe(hashBytes[file.hash])
        }
      }
    })

    for (const { group, test } of cases) {
      it(`${caseName(test)}: ${test.result}, as RAW and as DIGEST`, async () => {
        const message = hex(test.msg)
        const common = { spec: file.spec, publicKey: hex(group.publicKeyDer), algorithm: file.algorithm, signature: hex(test.sig) }
        const raw = await Effect.runPromise(verifySignature({ ...common, messageType: "RAW", message }))
        const digest = new Uint8Array(createHash(file.hash).update(message).digest())
        const prehashed = await Effect.runPromise(verifySignature({ ...common, messageType: "DIGEST", message: digest }))
        // The one "acceptable" case is a DigestInfo without its NULL parameters (flag MissingNull).
        // Both of Trent's paths accept only the encoding RFC 8017 §9.2 note 1 lists (with NULL), as
        // OpenSSL does, so they refuse it: re-encode and compare, never parse the recovered block.
        const expected = test.result === "valid"
        expect({ raw, prehashed }).toEqual({ raw: expected, prehashed: expected })
      })
    }
  })
}
