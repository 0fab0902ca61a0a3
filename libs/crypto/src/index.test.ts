import { describe, expect, it } from "vitest"
import * as Crypto from "./index.ts"

describe("@trent/crypto public API", () => {
  it("exports exactly the agreed names (other libs code against this list)", () => {
    expect(Object.keys(Crypto).sort()).toEqual([
      "AesGcmKey",
      "AsymmetricPrivateKey",
      "CIPHERTEXT_OVERHEAD",
      "HmacKey",
      "IncompatibleAlgorithm",
      "IncompatibleMessageType",
      "InvalidCiphertext",
      "InvalidCryptoParameter",
      "InvalidDigestLength",
      "InvalidKeyMaterial",
      "InvalidPublicKey",
      "KEY_ID_LENGTH",
      "KeyUnwrapFailed",
      "PlaintextTooLarge",
      "SecretBytes",
      "UnsupportedKeySpec",
      "WebCrypto",
      "aesGcmDecrypt",
      "aesGcmEncrypt",
      "asymmetricKeySpecs",
      "canonicalEncryptionContext",
      "checkImportedMaterial",
      "concatBytes",
      "dataKeyPairSpecs",
      "dataKeySpecBytes",
      "decryptSymmetric",
      "doubleEncryptedHeader",
      "encodeDoubleEncrypted",
      "encryptOaep",
      "encryptSymmetric",
      "encryptionAlgorithms",
      "generateAsymmetricKeyPair",
      "generateDataKey",
      "generateDataKeyPair",
      "generateHmacKeyMaterial",
      "generateKeyMaterial",
      "generateMaterialId",
      "generateRandomBytes",
      "generateWrappingKeyPair",
      "hmacKeySpecs",
      "importWrappingAlgorithms",
      "importableKeySpecs",
      "importedMaterialId",
      "isAsymmetricKeySpec",
      "isDoubleEncrypted",
      "isHmacKeySpec",
      "isRsaEncryptionAlgorithm",
      "keyAgreementAlgorithms",
      "keySpecRules",
      "keySpecs",
      "keyUsages",
      "lengthPrefixed",
      "macAlgorithms",
      "messageTypes",
      "oaepPlaintextLimit",
      "parseCiphertext",
      "parseDoubleEncrypted",
      "publicKeyFromPrivateKey",
      "rsaEncryptionAlgorithms",
      "signingAlgorithmParameters",
      "signingAlgorithms",
      "unwrapImportedMaterial",
      "unwrapKeyMaterial",
      "verifySignature",
      "wrapKeyMaterial",
      "wrappingAlgorithms",
      "wrappingKeySpecs"
    ])
  })

  it("lists the AWS enum values exactly (AWS KMS API reference §4), SM2 only where AWS's DataKeyPairSpec has it", () => {
    expect(Crypto.asymmetricKeySpecs).toEqual([
      "RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1",
      "ECC_NIST_EDWARDS25519", "ML_DSA_44", "ML_DSA_65", "ML_DSA_87"
    ])
    expect(Crypto.dataKeyPairSpecs).toEqual([
      "RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "SM2",
      "ECC_NIST_EDWARDS25519"
    ])
    expect(Crypto.signingAlgorithms).toHaveLength(13)
    expect(Crypto.messageTypes).toEqual(["RAW", "DIGEST", "EXTERNAL_MU"])
    expect(Crypto.rsaEncryptionAlgorithms).toEqual(["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"])
    expect(Crypto.hmacKeySpecs).toEqual(["HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512"])
    expect(Crypto.macAlgorithms).toEqual(["HMAC_SHA_224", "HMAC_SHA_256", "HMAC_SHA_384", "HMAC_SHA_512"])
    expect(Object.isFrozen(Crypto.asymmetricKeySpecs)).toBe(true)
    expect(Crypto.importWrappingAlgorithms).toEqual([
      "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256"
    ])
    expect(Crypto.wrappingKeySpecs).toEqual(["RSA_2048", "RSA_3072", "RSA_4096"])
    expect(Crypto.importableKeySpecs).toEqual(["SYMMETRIC_DEFAULT", ...Crypto.hmacKeySpecs, ...Crypto.asymmetricKeySpecs])
  })
})
