import { describe, expect, it } from "vitest"
import {
  DataKeyPairSpecs,
  EncryptionAlgorithms,
  KeyAgreementAlgorithms,
  KeySpecs,
  KeyUsages,
  MacAlgorithms,
  MessageTypes,
  SigningAlgorithms
} from "./KeySpec.ts"
import {
  customerMasterKeySpecOf,
  keyAlgorithms,
  keyKindOf,
  keySpecRules,
  maxOaepPlaintext,
  signingAlgorithmRules
} from "./KeySpecRules.ts"

const rules = Object.values(keySpecRules)

describe("the key spec table (aws-kms-api.md §5.1)", () => {
  it("has exactly one rule for every KeySpec of the API model", () =>
    expect(Object.keys(keySpecRules).sort()).toEqual([...KeySpecs].sort()))
  it("names every member of every algorithm and usage enum somewhere", () => {
    expect(new Set(rules.flatMap((rule) => rule.usages))).toEqual(new Set(KeyUsages))
    expect(new Set(rules.flatMap((rule) => rule.encryptionAlgorithms))).toEqual(new Set(EncryptionAlgorithms))
    expect(new Set(rules.flatMap((rule) => rule.signingAlgorithms))).toEqual(new Set(SigningAlgorithms))
    expect(new Set(rules.flatMap((rule) => rule.macAlgorithms))).toEqual(new Set(MacAlgorithms))
    expect(new Set(rules.flatMap((rule) => rule.keyAgreementAlgorithms))).toEqual(new Set(KeyAgreementAlgorithms))
  })
  it("has a message-type rule for every signing algorithm, covering every MessageType", () => {
    expect(Object.keys(signingAlgorithmRules).sort()).toEqual([...SigningAlgorithms].sort())
    expect(new Set(Object.values(signingAlgorithmRules).flatMap((rule) => rule.messageTypes))).toEqual(new Set(MessageTypes))
  })
  it("gives each usage an algorithm list only where the usage is allowed", () => {
    for (const spec of KeySpecs) {
      for (const usage of keySpecRules[spec].usages) {
        const lists = Object.values(keyAlgorithms(spec, usage)).filter((list) => list !== undefined)
        expect(lists, `${spec} ${usage}`).toHaveLength(1)
        expect(lists[0]!.length, `${spec} ${usage}`).toBeGreaterThan(0)
      }
    }
  })
  it("matches the reference's rows for RSA, the NIST curves, secp256k1, Ed25519, ML-DSA and HMAC", () => {
    expect(keySpecRules.RSA_3072.usages).toEqual(["ENCRYPT_DECRYPT", "SIGN_VERIFY"])
    expect(keySpecRules.ECC_NIST_P521.signingAlgorithms).toEqual(["ECDSA_SHA_512"])
    expect(keySpecRules.ECC_NIST_P256.usages).toEqual(["SIGN_VERIFY", "KEY_AGREEMENT"])
    expect(keySpecRules.ECC_SECG_P256K1.usages).toEqual(["SIGN_VERIFY"])
    expect(keySpecRules.ECC_NIST_EDWARDS25519.signingAlgorithms).toEqual(["ED25519_SHA_512", "ED25519_PH_SHA_512"])
    expect(keySpecRules.ML_DSA_87.signingAlgorithms).toEqual(["ML_DSA_SHAKE_256"])
    expect(keySpecRules.HMAC_384.macAlgorithms).toEqual(["HMAC_SHA_384"])
    expect(keySpecRules.SM2.availability).toBe("china-regions-only")
  })
  it("takes Ed25519 RAW only, Ed25519ph DIGEST only, and ML-DSA RAW or a 64-byte μ (§5.1, §5.3)", () => {
    expect(signingAlgorithmRules.ED25519_SHA_512.messageTypes).toEqual(["RAW"])
    expect(signingAlgorithmRules.ED25519_PH_SHA_512).toEqual({ messageTypes: ["DIGEST"], digestBytes: 64 })
    expect(signingAlgorithmRules.ML_DSA_SHAKE_256.messageTypes).toEqual(["RAW", "EXTERNAL_MU"])
    expect(signingAlgorithmRules.ECDSA_SHA_384.digestBytes).toBe(48)
  })
  it("computes the OAEP plaintext limits of §5.2", () => {
    expect([maxOaepPlaintext("RSA_2048", "RSAES_OAEP_SHA_1"), maxOaepPlaintext("RSA_2048", "RSAES_OAEP_SHA_256")]).toEqual([214, 190])
    expect([maxOaepPlaintext("RSA_3072", "RSAES_OAEP_SHA_1"), maxOaepPlaintext("RSA_3072", "RSAES_OAEP_SHA_256")]).toEqual([342, 318])
    expect([maxOaepPlaintext("RSA_4096", "RSAES_OAEP_SHA_1"), maxOaepPlaintext("RSA_4096", "RSAES_OAEP_SHA_256")]).toEqual([470, 446])
  })
  it("has no CustomerMasterKeySpec for ML-DSA and Ed25519 keys", () => {
    expect(customerMasterKeySpecOf("ML_DSA_44")).toBeUndefined()
    expect(customerMasterKeySpecOf("ECC_NIST_EDWARDS25519")).toBeUndefined()
    expect(customerMasterKeySpecOf("RSA_4096")).toBe("RSA_4096")
  })
  it("sorts every spec into symmetric, asymmetric or HMAC, and every data key pair spec is an asymmetric key spec", () => {
    expect(KeySpecs.filter((spec) => keyKindOf(spec) === "HMAC")).toEqual(["HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512"])
    expect(keyKindOf("SYMMETRIC_DEFAULT")).toBe("SYMMETRIC")
    for (const spec of DataKeyPairSpecs) expect(keyKindOf(spec)).toBe("ASYMMETRIC")
  })
})
