import { Effect, Exit } from "effect"
import { assert, describe, it } from "vitest"
import { evolveKey, initialKey, type LiveKey } from "../Key.ts"
import type { KeySpec, KeyUsage } from "../KeySpec.ts"
import { ARN, created } from "../keyFixtures.test-support.ts"
import { checkNumberOfBytes, checkPlaintext, requireCiphertext } from "./cryptoRequestLimits.ts"
import { stopIfDryRun } from "./dryRun.ts"
import { checkEncryptionUse, checkSymmetricUse, refuseContext } from "./keyUseRules.ts"

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
