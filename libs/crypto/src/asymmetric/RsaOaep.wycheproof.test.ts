import { Effect, Schema } from "effect"
import { describe, expect, it } from "vitest"
import oaepSha1Json from "../vectors/rsa_oaep_2048_sha1_mgf1sha1_test.json" with { type: "json" }
import oaepSha256Json from "../vectors/rsa_oaep_2048_sha256_mgf1sha256_test.json" with { type: "json" }
import { SecretBytes } from "../SecretBytes.ts"
import { caseName, hex, wycheproofCaseFields } from "../wycheproof.test-support.ts"
import { AsymmetricPrivateKey } from "./AsymmetricPrivateKey.ts"
import type { RsaEncryptionAlgorithm } from "./RsaEncryptionAlgorithm.ts"

// Project Wycheproof RSAES-OAEP decryption vectors for RSA_2048 with the hash also used for
// MGF1, as AWS's RSAES_OAEP_SHA_1 and RSAES_OAEP_SHA_256 are. AWS uses an empty label; cases
// with a label are a parameter set Trent does not support and must fail. Source: ../vectors/README.md.
const OaepTestFile = Schema.Struct({
  algorithm: Schema.Literal("RSAES-OAEP"),
  schema: Schema.Literal("rsaes_oaep_decrypt_schema_v1.json"),
  numberOfTests: Schema.Number,
  testGroups: Schema.Array(Schema.Struct({
    type: Schema.Literal("RsaesOaepDecrypt"),
    keySize: Schema.Number,
    sha: Schema.String,
    mgf: Schema.Literal("MGF1"),
    mgfSha: Schema.String,
    privateKeyPkcs8: Schema.String,
    tests: Schema.Array(Schema.Struct({ ...wycheproofCaseFields, msg: Schema.String, ct: Schema.String, label: Schema.String }))
  }))
})

const files: ReadonlyArray<{ readonly name: string; readonly json: unknown; readonly algorithm: RsaEncryptionAlgorithm; readonly sha: string }> = [
  { name: "rsa_oaep_2048_sha1_mgf1sha1_test.json", json: oaepSha1Json, algorithm: "RSAES_OAEP_SHA_1", sha: "SHA-1" },
  { name: "rsa_oaep_2048_sha256_mgf1sha256_test.json", json: oaepSha256Json, algorithm: "RSAES_OAEP_SHA_256", sha: "SHA-256" }
]

const keyOf = (pkcs8: string) => AsymmetricPrivateKey.fromPkcs8("RSA_2048", SecretBytes.adopt(hex(pkcs8)))

for (const file of files) {
  const vectors = Schema.decodeUnknownSync(OaepTestFile)(file.json)
  const cases = vectors.testGroups.flatMap((group) => group.tests.map((test) => ({ group, test })))
  const supported = cases.filter(({ test }) => test.label === "")
  const withLabel = cases.filter(({ test }) => test.label !== "")

  describe(`Wycheproof ${file.name} through AsymmetricPrivateKey.decrypt (RSA_2048, ${file.algorithm})`, () => {
    it("accounts for every case as supported (empty label) or asserted-rejected (a label)", () => {
      expect(supported.length + withLabel.length).toBe(vectors.numberOfTests)
      expect(supported.length).toBeGreaterThan(20)
      for (const group of vectors.testGroups) {
        expect([group.keySize, group.sha, group.mgfSha]).toEqual([2048, file.sha, file.sha])
      }
    })

    for (const { group, test } of supported) {
      it(`${caseName(test)}: ${test.result}`, async () => {
        const key = await Effect.runPromise(keyOf(group.privateKeyPkcs8))
        const exit = await Effect.runPromiseExit(key.decrypt({ algorithm: file.algorithm, ciphertext: hex(test.ct) }))
        if (test.result === "valid") {
          expect(exit._tag).toBe("Success")
          if (exit._tag === "Success") expect(Buffer.from(exit.value.unsafeBytes()).toString("hex")).toBe(test.msg)
        } else {
          expect(exit._tag).toBe("Failure")
          expect(JSON.stringify(exit)).toContain("InvalidCiphertext")
        }
      })
    }

    for (const { group, test } of withLabel) {
      it(`${caseName(test)} [label of ${test.label.length / 2} bytes]: rejected as InvalidCiphertext`, async () => {
        const key = await Effect.runPromise(keyOf(group.privateKeyPkcs8))
        const error = await Effect.runPromise(Effect.flip(key.decrypt({ algorithm: file.algorithm, ciphertext: hex(test.ct) })))
        expect(error._tag).toBe("InvalidCiphertext")
      })
    }
  })
}
