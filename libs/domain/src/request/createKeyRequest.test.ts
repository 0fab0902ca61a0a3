import { assert, describe, it } from "vitest"
import {
  checkExternalKeyMetadata,
  checkExternalKeyUnused,
  checkStoreForNewKey,
  createKeySpec,
  externalKeyProxyRejection,
  externalKeyRequest
} from "./createKeyRequest.ts"

/** CreateKey's request rules (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html). */
const tagOf = (value: unknown) => (typeof value === "object" && value !== null && "_tag" in value ? value._tag : value)
const messageOf = (value: unknown) => (typeof value === "object" && value !== null && "message" in value ? value.message : value)

describe("CreateKey's KeySpec and KeyUsage", () => {
  it("defaults to SYMMETRIC_DEFAULT, which alone may leave KeyUsage out (it defaults to ENCRYPT_DECRYPT)", () => {
    assert.strictEqual(createKeySpec({}), "SYMMETRIC_DEFAULT")
    assert.strictEqual(createKeySpec({ keySpec: "SYMMETRIC_DEFAULT" }), "SYMMETRIC_DEFAULT")
  })
  it("needs a KeyUsage for every asymmetric and HMAC spec", () => {
    for (const keySpec of ["RSA_2048", "ECC_NIST_P256", "HMAC_256", "ML_DSA_44"] as const) {
      const refused = createKeySpec({ keySpec })
      assert.strictEqual(tagOf(refused), "InvalidRequest")
      assert.strictEqual(messageOf(refused), "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.")
      assert.strictEqual(createKeySpec({ keySpec, keyUsage: "SIGN_VERIFY" }), keySpec)
    }
  })
  it("takes the deprecated CustomerMasterKeySpec alone, and refuses it beside KeySpec before looking at KeyUsage", () => {
    assert.strictEqual(createKeySpec({ customerMasterKeySpec: "RSA_3072", keyUsage: "ENCRYPT_DECRYPT" }), "RSA_3072")
    assert.strictEqual(
      messageOf(createKeySpec({ keySpec: "RSA_3072", customerMasterKeySpec: "RSA_3072" })),
      "You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated."
    )
  })
})

describe("CreateKey in an external key store (Origin EXTERNAL_KEY_STORE, CustomKeyStoreId, XksKeyId)", () => {
  it("needs both ids with that origin, and answers them as the key's binding", () => {
    assert.deepStrictEqual(
      externalKeyRequest({ origin: "EXTERNAL_KEY_STORE", customKeyStoreId: "cks-1234567890abcdef0", xksKeyId: "k1" }),
      { customKeyStoreId: "cks-1234567890abcdef0", xksKeyId: "k1" }
    )
    for (const partial of [{ customKeyStoreId: "cks-1234567890abcdef0" }, { xksKeyId: "k1" }, {}]) {
      const refused = externalKeyRequest({ origin: "EXTERNAL_KEY_STORE", ...partial })
      assert.strictEqual(tagOf(refused), "InvalidRequest")
      assert.strictEqual(messageOf(refused), "Origin EXTERNAL_KEY_STORE requires a CustomKeyStoreId and an XksKeyId.")
    }
  })
  it("refuses either id with any other origin, and is nothing to do without them", () => {
    for (const origin of [undefined, "AWS_KMS", "EXTERNAL"] as const) {
      assert.strictEqual(externalKeyRequest({ origin }), undefined)
      const refused = externalKeyRequest({ origin, xksKeyId: "k1" })
      assert.strictEqual(messageOf(refused), "CustomKeyStoreId and XksKeyId require Origin EXTERNAL_KEY_STORE.")
    }
  })
  it("needs the store to exist and be CONNECTED", () => {
    const id = "cks-1234567890abcdef0"
    assert.strictEqual(tagOf(checkStoreForNewKey(id, undefined)), "CustomKeyStoreNotFound")
    assert.strictEqual(messageOf(checkStoreForNewKey(id, undefined)), `Custom key store ${id} does not exist.`)
    const disconnected = checkStoreForNewKey(id, { connectionState: "DISCONNECTED" })
    assert.strictEqual(tagOf(disconnected), "CustomKeyStoreInvalidState")
    assert.strictEqual(messageOf(disconnected), `CreateKey needs custom key store ${id} to be CONNECTED; it is DISCONNECTED.`)
    const store = { connectionState: "CONNECTED" }
    assert.strictEqual(checkStoreForNewKey(id, store), store)
  })
  it("needs an enabled AES-256 external key that encrypts and decrypts, used by no other KMS key of the store", () => {
    const good = { keySpec: "AES_256", keyStatus: "ENABLED", keyUsage: ["ENCRYPT", "DECRYPT"] }
    assert.strictEqual(checkExternalKeyMetadata("k1", good), undefined)
    for (const bad of [{ ...good, keySpec: "AES_128" }, { ...good, keyStatus: "DISABLED" }, { ...good, keyUsage: ["ENCRYPT"] }]) {
      const refused = checkExternalKeyMetadata("k1", bad)
      assert.strictEqual(tagOf(refused), "XksKeyInvalidConfiguration")
      assert.strictEqual(messageOf(refused), "External key k1 is not an enabled AES-256 key for encryption.")
    }
    assert.strictEqual(checkExternalKeyUnused("k1", [{ xksKeyId: "k2" }]), undefined)
    const taken = checkExternalKeyUnused("k1", [{ xksKeyId: "k2" }, { xksKeyId: "k1" }])
    assert.strictEqual(tagOf(taken), "XksKeyAlreadyInUse")
    assert.strictEqual(messageOf(taken), "External key k1 is already associated with a KMS key in this custom key store.")
  })
})

describe("CreateKey's answer when the external key store proxy fails", () => {
  it("maps no answer, a garbled answer and each proxy error to CreateKey's exceptions", () => {
    const cases = [
      [{ reason: "unreachable" }, "XksProxyUriUnreachable"],
      [{ reason: "timedOut" }, "XksProxyUriUnreachable"],
      [{ reason: "invalidResponse" }, "XksProxyInvalidResponse"],
      [{ reason: "proxyError", errorName: "KeyNotFoundException" }, "XksKeyNotFound"],
      [{ reason: "proxyError", errorName: "InvalidStateException" }, "XksKeyInvalidConfiguration"],
      [{ reason: "proxyError", errorName: "InvalidKeyUsageException" }, "XksKeyInvalidConfiguration"],
      [{ reason: "proxyError", errorName: "AuthenticationFailedException" }, "XksProxyIncorrectAuthenticationCredential"],
      [{ reason: "proxyError", errorName: "AccessDeniedException" }, "XksProxyIncorrectAuthenticationCredential"],
      [{ reason: "proxyError", errorName: "InternalException" }, "XksProxyInvalidConfiguration"]
    ] as const
    for (const [failure, tag] of cases) assert.strictEqual(externalKeyProxyRejection("k1", failure)._tag, tag)
    assert.strictEqual(externalKeyProxyRejection("k1", { reason: "proxyError" }).message, "The external key store proxy answered an error.")
  })
})
