import { Effect, Exit } from "effect"
import { assert, describe, it } from "vitest"
import { evolveKey, initialKey, type LiveKey } from "../Key.ts"
import type { KeySpec, KeyUsage } from "../KeySpec.ts"
import { ARN, created } from "../keyFixtures.test-support.ts"
import { checkNumberOfBytes, checkPlaintext, dataKeyLength, requireCiphertext } from "./cryptoRequestLimits.ts"
import { stopIfDryRun } from "./dryRun.ts"
import { checkEncryptionUse, checkSealable, checkSigningMessage, checkSymmetricUse, refuseContext } from "./keyUseRules.ts"

const keyOf = (keySpec: KeySpec, keyUsage: KeyUsage) => evolveKey(initialKey, { ...created, keySpec, keyUsage } as typeof created) as LiveKey
const failure = <A, E>(effect: Effect.Effect<A, E>): E | undefined => {
  const exit = Effect.runSyncExit(effect)
  return Exit.isFailure(exit) ? (exit.cause.reasons[0] as { error: E } | undefined)?.error : undefined
}
const success = <A, E>(effect: Effect.Effect<A, E>): A => Effect.runSync(effect)

/** Encrypt's key and algorithm rules (https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html). */
describe("the encryption use of a key", () => {
  it("is SYMMETRIC_DEFAULT for a symmetric key when no algorithm is named", () =>
    assert.strictEqual(success(checkEncryptionUse(keyOf("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT"), "Encrypt", undefined)), "SYMMETRIC_DEFAULT"))
  it("refuses a key of another usage with InvalidKeyUsage", () => {
    const error = failure(checkEncryptionUse(keyOf("HMAC_256", "GENERATE_VERIFY_MAC"), "Encrypt", undefined))
    assert.strictEqual(error?._tag, "InvalidKeyUsage")
    assert.strictEqual(error?.message, `${ARN} key usage is GENERATE_VERIFY_MAC which is not valid for Encrypt.`)
  })
  it("needs an RSAES_OAEP_* algorithm for an RSA key, as AWS says when none is named", () => {
    const rsa = keyOf("RSA_4096", "ENCRYPT_DECRYPT")
    assert.strictEqual(success(checkEncryptionUse(rsa, "Decrypt", "RSAES_OAEP_SHA_256")), "RSAES_OAEP_SHA_256")
    assert.strictEqual(failure(checkEncryptionUse(rsa, "Decrypt", undefined))?.message, "Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_4096.")
    assert.strictEqual(failure(checkSymmetricUse(rsa, "GenerateDataKey"))?._tag, "InvalidKeyUsage")
  })
  it("takes no encryption context with an asymmetric key, though an empty one passes", () => {
    const rsa = keyOf("RSA_2048", "ENCRYPT_DECRYPT")
    assert.strictEqual(failure(refuseContext(rsa, {})), undefined)
    assert.strictEqual(failure(refuseContext(rsa, { purpose: "test" }))?.message, "EncryptionContext is not supported for KMS keys with key spec RSA_2048.")
  })
})

describe("the blob limits and DryRun", () => {
  it("holds Plaintext to 1..4096 bytes, CiphertextBlob to 1..6144 and NumberOfBytes to 1..1024", () => {
    assert.strictEqual(failure(checkPlaintext(new Uint8Array(4096))), undefined)
    assert.strictEqual(failure(checkPlaintext(new Uint8Array(4097)))?._tag, "InvalidRequest")
    assert.strictEqual(failure(checkPlaintext(new Uint8Array(0)))?._tag, "InvalidRequest")
    assert.strictEqual(failure(requireCiphertext(undefined))?._tag, "InvalidRequest")
    assert.strictEqual(failure(requireCiphertext(new Uint8Array(6145)))?._tag, "InvalidRequest")
    assert.strictEqual(success(checkNumberOfBytes(1024)), 1024)
    assert.strictEqual(failure(checkNumberOfBytes(1025))?._tag, "InvalidRequest")
    assert.strictEqual(failure(checkNumberOfBytes(0.5))?._tag, "InvalidRequest")
  })
  it("answers DryRunOperationException's message once every check has passed, and nothing without DryRun", () => {
    assert.strictEqual(failure(stopIfDryRun(true))?.message, "The request would have succeeded, but the DryRun option is set.")
    assert.strictEqual(failure(stopIfDryRun(undefined)), undefined)
    assert.strictEqual(failure(stopIfDryRun(false)), undefined)
  })
})

describe("Encrypt's RSA limits (https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html)", () => {
  it("takes at most modulusBytes − 2·hashBytes − 2 bytes: 190 for RSAES_OAEP_SHA_256 on RSA_2048", () => {
    const rsa = keyOf("RSA_2048", "ENCRYPT_DECRYPT")
    assert.strictEqual(failure(checkSealable(rsa, "RSAES_OAEP_SHA_256", 190, undefined)), undefined)
    assert.strictEqual(
      failure(checkSealable(rsa, "RSAES_OAEP_SHA_256", 191, undefined))?.message,
      "Algorithm RSAES_OAEP_SHA_256 and key spec RSA_2048 cannot encrypt data larger than 190 bytes."
    )
    assert.strictEqual(failure(checkSealable(rsa, "RSAES_OAEP_SHA_1", 10, { a: "b" }))?._tag, "InvalidRequest")
  })
  it("leaves a symmetric key to the blob limits", () =>
    assert.strictEqual(failure(checkSealable(keyOf("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT"), "SYMMETRIC_DEFAULT", 4096, { a: "b" })), undefined))
})

describe("Sign's message rules (https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html)", () => {
  it("takes a DIGEST of exactly the hash length, and RAW of any length", () => {
    assert.strictEqual(failure(checkSigningMessage("ECDSA_SHA_384", "DIGEST", new Uint8Array(48))), undefined)
    assert.strictEqual(
      failure(checkSigningMessage("ECDSA_SHA_384", "DIGEST", new Uint8Array(32)))?.message,
      "Digest is invalid length for algorithm ECDSA_SHA_384."
    )
    assert.strictEqual(failure(checkSigningMessage("ECDSA_SHA_384", "RAW", new Uint8Array(5))), undefined)
  })
  it("takes EXTERNAL_MU (64 bytes) for ML-DSA only, and DIGEST alone for ED25519_PH_SHA_512", () => {
    assert.strictEqual(failure(checkSigningMessage("ML_DSA_SHAKE_256", "EXTERNAL_MU", new Uint8Array(64))), undefined)
    assert.strictEqual(failure(checkSigningMessage("ML_DSA_SHAKE_256", "EXTERNAL_MU", new Uint8Array(32)))?._tag, "InvalidRequest")
    assert.strictEqual(
      failure(checkSigningMessage("ED25519_PH_SHA_512", "RAW", new Uint8Array(64)))?.message,
      "The message type RAW is not valid for the signing algorithm ED25519_PH_SHA_512. Valid message types: DIGEST."
    )
  })
})

describe("GenerateDataKey's length (https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html)", () => {
  it("is KeySpec's (AES_128 16, AES_256 32) or NumberOfBytes, never both nor neither", () => {
    assert.strictEqual(success(dataKeyLength({ keySpec: "AES_128" })), 16)
    assert.strictEqual(success(dataKeyLength({ keySpec: "AES_256" })), 32)
    assert.strictEqual(success(dataKeyLength({ numberOfBytes: 64 })), 64)
    for (const request of [{}, { keySpec: "AES_256", numberOfBytes: 32 }] as const) {
      assert.strictEqual(failure(dataKeyLength(request))?.message, "Please specify either number of bytes or key spec.")
    }
    assert.strictEqual(failure(dataKeyLength({ numberOfBytes: 2048 }))?._tag, "InvalidRequest")
  })
})
