import { assert, describe, it } from "vitest"
import { checkWrapping } from "./importWrapping.ts"

/** GetParametersForImport's wrapping rules (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetParametersForImport.html). */
describe("GetParametersForImport's WrappingAlgorithm and WrappingKeySpec", () => {
  it("serves RSA_AES_KEY_WRAP_SHA_256 for every spec, narrowed to what the cryptography takes", () => {
    for (const spec of ["SYMMETRIC_DEFAULT", "RSA_4096", "ECC_NIST_P521", "ML_DSA_87", "HMAC_512"] as const) {
      assert.deepStrictEqual(checkWrapping(spec, "RSA_AES_KEY_WRAP_SHA_256", "RSA_2048"), {
        _tag: "ServedWrapping",
        wrappingAlgorithm: "RSA_AES_KEY_WRAP_SHA_256",
        wrappingKeySpec: "RSA_2048"
      })
    }
  })
  it("refuses SM2 (China Regions only) and the withdrawn RSAES_PKCS1_V1_5", () => {
    const sm2 = checkWrapping("SYMMETRIC_DEFAULT", "SM2PKE", "SM2")
    assert.strictEqual(sm2._tag, "UnsupportedOperation")
    assert.strictEqual(checkWrapping("SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_256", "SM2")._tag, "UnsupportedOperation")
    const pkcs1 = checkWrapping("SYMMETRIC_DEFAULT", "RSAES_PKCS1_V1_5", "RSA_2048")
    assert.strictEqual(pkcs1._tag, "InvalidRequest")
  })
  it("refuses RSAES_OAEP_* for material too long for it: RSA and ML-DSA private keys, ECC_NIST_P521 under RSA_2048", () => {
    const rsa = checkWrapping("RSA_2048", "RSAES_OAEP_SHA_256", "RSA_4096")
    assert.strictEqual(rsa._tag === "InvalidRequest" ? rsa.message : rsa._tag,
      "RSAES_OAEP_SHA_256 with RSA_4096 cannot wrap RSA_2048 key material. Use RSA_AES_KEY_WRAP_SHA_256.")
    assert.strictEqual(checkWrapping("ECC_NIST_P521", "RSAES_OAEP_SHA_1", "RSA_2048")._tag, "InvalidRequest")
    assert.strictEqual(checkWrapping("ECC_NIST_P521", "RSAES_OAEP_SHA_1", "RSA_3072")._tag, "ServedWrapping")
    const mlDsa = checkWrapping("ML_DSA_44", "RSAES_OAEP_SHA_1", "RSA_4096")
    assert.strictEqual(mlDsa._tag === "InvalidRequest" ? mlDsa.message : mlDsa._tag,
      "RSAES_OAEP_SHA_1 cannot wrap ML_DSA_44 key material. Use RSA_AES_KEY_WRAP_SHA_256.")
  })
})
