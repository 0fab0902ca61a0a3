import { Effect, Schema } from "effect"
import { describe, expect, it } from "vitest"
import sha224Json from "../vectors/hmac_sha224_test.json" with { type: "json" }
import sha256Json from "../vectors/hmac_sha256_test.json" with { type: "json" }
import sha384Json from "../vectors/hmac_sha384_test.json" with { type: "json" }
import sha512Json from "../vectors/hmac_sha512_test.json" with { type: "json" }
import { SecretBytes } from "../SecretBytes.ts"
import { caseName, hex, wycheproofCaseFields } from "../wycheproof.test-support.ts"
import { HmacKey } from "./HmacKey.ts"
import { type HmacKeySpec, hmacParameters } from "./HmacKeySpec.ts"

// Project Wycheproof HMAC vectors (mac_test_schema_v1). Trent supports the groups whose key length
// the spec accepts (https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html: HMAC_384 and HMAC_512 take imported keys up to 128
// bytes, so their 520-bit groups too) and whose tag is the full MAC, which is all AWS returns.
// Every other group is asserted rejected: a key length the spec does not accept fails fromBytes
// (InvalidKeyMaterial), and a truncated tag never passes verifyMac. Source: ../vectors/README.md.
const MacTestFile = Schema.Struct({
  algorithm: Schema.String,
  schema: Schema.Literal("mac_test_schema_v1.json"),
  numberOfTests: Schema.Number,
  testGroups: Schema.Array(Schema.Struct({
    type: Schema.Literal("MacTest"),
    keySize: Schema.Number,
    tagSize: Schema.Number,
    tests: Schema.Array(Schema.Struct({ ...wycheproofCaseFields, key: Schema.String, msg: Schema.String, tag: Schema.String }))
  }))
})

const files: ReadonlyArray<{ readonly name: string; readonly json: unknown; readonly spec: HmacKeySpec }> = [
  { name: "hmac_sha224_test.json", json: sha224Json, spec: "HMAC_224" },
  { name: "hmac_sha256_test.json", json: sha256Json, spec: "HMAC_256" },
  { name: "hmac_sha384_test.json", json: sha384Json, spec: "HMAC_384" },
  { name: "hmac_sha512_test.json", json: sha512Json, spec: "HMAC_512" }
]

for (const file of files) {
  const parameters = hmacParameters[file.spec]
  const vectors = Schema.decodeUnknownSync(MacTestFile)(file.json)
  const cases = vectors.testGroups.flatMap((group) => group.tests.map((test) => ({ group, test })))
  const fullBits = parameters.macBytes * 8
  const keyAccepted = (bits: number) => bits / 8 >= parameters.minKeyBytes && bits / 8 <= parameters.maxKeyBytes
  const supported = cases.filter(({ group }) => keyAccepted(group.keySize) && group.tagSize === fullBits)
  const badKey = cases.filter(({ group }) => !keyAccepted(group.keySize))
  const truncated = cases.filter(({ group }) => keyAccepted(group.keySize) && group.tagSize !== fullBits)
  const keyOf = (key: string) => HmacKey.fromBytes(file.spec, SecretBytes.adopt(hex(key)))

  describe(`Wycheproof ${file.name} through HmacKey (${file.spec}, ${parameters.algorithm})`, () => {
    it("accounts for every case as supported, refused key length or truncated tag", () => {
      expect(supported.length + badKey.length + truncated.length).toBe(vectors.numberOfTests)
      expect(supported.length).toBeGreaterThan(20)
    })

    for (const { test } of supported) {
      it(`${caseName(test)}: ${test.result}`, async () => {
        const key = await Effect.runPromise(keyOf(test.key))
        const valid = await Effect.runPromise(key.verifyMac(parameters.algorithm, hex(test.msg), hex(test.tag)))
        expect(valid).toBe(test.result === "valid")
        const mac = await Effect.runPromise(key.mac(parameters.algorithm, hex(test.msg)))
        expect(Buffer.from(mac).toString("hex") === test.tag).toBe(test.result === "valid")
      })
    }

    for (const { group, test } of badKey) {
      it(`${caseName(test)} [${group.keySize}-bit key]: fromBytes refuses the key`, async () => {
        const error = await Effect.runPromise(Effect.flip(keyOf(test.key)))
        expect(error._tag).toBe("InvalidKeyMaterial")
      })
    }

    for (const { group, test } of truncated) {
      it(`${caseName(test)} [${group.tagSize}-bit tag]: verifyMac refuses the truncated tag`, async () => {
        const key = await Effect.runPromise(keyOf(test.key))
        expect(await Effect.runPromise(key.verifyMac(parameters.algorithm, hex(test.msg), hex(test.tag)))).toBe(false)
        if (test.result === "valid") {
          // The full MAC is right: the tag is its prefix.
          const mac = await Effect.runPromise(key.mac(parameters.algorithm, hex(test.msg)))
          expect(Buffer.from(mac).toString("hex").startsWith(test.tag)).toBe(true)
        }
      })
    }
  })
}
