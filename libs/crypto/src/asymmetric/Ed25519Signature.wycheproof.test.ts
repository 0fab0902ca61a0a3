import { Effect, Schema } from "effect"
import { describe, expect, it } from "vitest"
import ed25519Json from "../vectors/ed25519_test.json" with { type: "json" }
import { caseName, hex, wycheproofCaseFields } from "../wycheproof.test-support.ts"
import { verifySignature } from "./SignatureVerification.ts"

// Project Wycheproof Ed25519 verification vectors (PureEdDSA, RFC 8032): ED25519_SHA_512 with
// MessageType RAW through verifySignature, whose backend is node:crypto. Source: ../vectors/README.md.
const EddsaTestFile = Schema.Struct({
  algorithm: Schema.Literal("EDDSA"),
  schema: Schema.Literal("eddsa_verify_schema_v1.json"),
  numberOfTests: Schema.Number,
  testGroups: Schema.Array(Schema.Struct({
    type: Schema.Literal("EddsaVerify"),
    publicKeyDer: Schema.String,
    tests: Schema.Array(Schema.Struct({ ...wycheproofCaseFields, msg: Schema.String, sig: Schema.String }))
  }))
})

const vectors = Schema.decodeUnknownSync(EddsaTestFile)(ed25519Json)
const cases = vectors.testGroups.flatMap((group) => group.tests.map((test) => ({ group, test })))

describe("Wycheproof ed25519_test.json through verifySignature (ECC_NIST_EDWARDS25519, ED25519_SHA_512, RAW)", () => {
  it("runs every case in the file, none of them merely acceptable", () => {
    expect(cases.length).toBe(vectors.numberOfTests)
    expect(cases.some(({ test }) => test.result === "acceptable")).toBe(false)
  })

  for (const { group, test } of cases) {
    it(`${caseName(test)}: ${test.result}`, async () => {
      const valid = await Effect.runPromise(
        verifySignature({
          spec: "ECC_NIST_EDWARDS25519",
          publicKey: hex(group.publicKeyDer),
          algorithm: "ED25519_SHA_512",
          messageType: "RAW",
          message: hex(test.msg),
          signature: hex(test.sig)
        })
      )
      expect(valid).toBe(test.result === "valid")
    })
  }
})
