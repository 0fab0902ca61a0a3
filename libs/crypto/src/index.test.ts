import { describe, expect, it } from "vitest"
import * as Crypto from "./index.ts"

describe("@trent/crypto public API", () => {
  it("exports exactly the agreed names (other libs code against this list)", () => {
    expect(Object.keys(Crypto).sort()).toEqual([
      "AesGcmKey",
      "CIPHERTEXT_OVERHEAD",
      "InvalidCiphertext",
      "InvalidCryptoParameter",
      "KEY_ID_LENGTH",
      "KeyUnwrapFailed",
      "SecretBytes",
      "WebCrypto",
      "canonicalEncryptionContext",
      "dataKeySpecBytes",
      "decryptSymmetric",
      "encryptSymmetric",
      "generateDataKey",
      "generateKeyMaterial",
      "generateMaterialId",
      "generateRandomBytes",
      "parseCiphertext",
      "unwrapKeyMaterial",
      "wrapKeyMaterial"
    ])
  })
})
