import { describe, expect, it } from "vitest"
import {
  blobOfSize,
  clause,
  decoded,
  expectSerialization,
  expectUnsupported,
  expectValidation
} from "./requestAssertions.test-support.ts"

const KEY = "1234abcd-12ab-34cd-56ef-1234567890ab"
const ALGORITHMS = "satisfy enum value set: [SYMMETRIC_DEFAULT, RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256, SM2PKE]"
const bytes = (...values: Array<number>) => new Uint8Array(values)
const RECIPIENT = { KeyEncryptionAlgorithm: "RSAES_OAEP_SHA_256", AttestationDocument: "AAEC" }
const NO_RECIPIENT = "Recipient is not supported: Trent does not serve Nitro Enclaves attestation."

describe("Encrypt request", () => {
  it("decodes every member, the plaintext to bytes", () => {
    expect(
      decoded("Encrypt", {
        KeyId: "alias/payments",
        Plaintext: "aGVsbG8=",
        EncryptionContext: { purpose: "test", "": "" },
        GrantTokens: ["t"],
        EncryptionAlgorithm: "SYMMETRIC_DEFAULT",
        DryRun: true
      })
    ).toEqual({
      keyId: "alias/payments",
      plaintext: new TextEncoder().encode("hello"),
      encryptionContext: { purpose: "test", "": "" },
      grantTokens: ["t"],
      encryptionAlgorithm: "SYMMETRIC_DEFAULT",
      dryRun: true
    })
  })

  it("requires KeyId and Plaintext, and never prints the plaintext", () => {
    expectValidation("Encrypt", {}, clause(null, "keyId", "not be null"), clause(undefined, "plaintext", "not be null"))
  })

  it("holds Plaintext to 1–4096 decoded bytes (obs message, no value)", () => {
    expect(decoded("Encrypt", { KeyId: KEY, Plaintext: blobOfSize(1) }).plaintext).toHaveLength(1)
    expect(decoded("Encrypt", { KeyId: KEY, Plaintext: blobOfSize(4096) }).plaintext).toHaveLength(4096)
    expectValidation("Encrypt", { KeyId: KEY, Plaintext: "" }, clause(undefined, "plaintext", "have length greater than or equal to 1"))
    expectValidation(
      "Encrypt",
      { KeyId: KEY, Plaintext: blobOfSize(4097) },
      clause(undefined, "plaintext", "have length less than or equal to 4096")
    )
  })

  it("refuses a plaintext that is not strict base64", () => {
    expectSerialization("Encrypt", { KeyId: KEY, Plaintext: "aGVsbG8" }, "Base64 encoded length is expected a multiple of 4 bytes but found: 7 at 'plaintext'")
    expectSerialization(
      "Encrypt",
      { KeyId: KEY, Plaintext: "aGVs_G8=" },
      "Base64 encoded value contains a character outside the standard alphabet at 'plaintext'"
    )
    expectSerialization("Encrypt", { KeyId: KEY, Plaintext: 12 }, "only base-64-encoded strings are convertible to bytes at 'plaintext'")
  })

  it("refuses an encryption context that is not a map of strings", () => {
    expectSerialization("Encrypt", { KeyId: KEY, Plaintext: "AA==", EncryptionContext: { a: 1 } }, "NUMBER_VALUE can not be converted to a String at 'encryptionContext.a'")
    expectSerialization("Encrypt", { KeyId: KEY, Plaintext: "AA==", EncryptionContext: { a: { b: "c" } } })
    expectSerialization("Encrypt", { KeyId: KEY, Plaintext: "AA==", EncryptionContext: "a=b" }, "Unexpected field type at 'encryptionContext'")
  })

  it("holds EncryptionAlgorithm to the model's set", () => {
    expectValidation("Encrypt", { KeyId: KEY, Plaintext: "AA==", EncryptionAlgorithm: "AES_GCM" }, clause("AES_GCM", "encryptionAlgorithm", ALGORITHMS))
  })

  it("refuses a DryRun that is not a boolean", () => {
    expectSerialization("Encrypt", { KeyId: KEY, Plaintext: "AA==", DryRun: "true" }, "STRING_VALUE can not be converted to a Boolean at 'dryRun'")
    expectSerialization("Encrypt", { KeyId: KEY, Plaintext: "AA==", DryRun: 1 }, "NUMBER_VALUE can not be converted to a Boolean at 'dryRun'")
  })
})

describe("Decrypt request", () => {
  it("decodes every member; all are optional in the model", () => {
    expect(
      decoded("Decrypt", {
        CiphertextBlob: "AQID",
        EncryptionContext: { a: "b" },
        GrantTokens: ["t"],
        KeyId: KEY,
        EncryptionAlgorithm: "SYMMETRIC_DEFAULT",
        DryRun: true,
        DryRunModifiers: ["IGNORE_CIPHERTEXT"]
      })
    ).toEqual({
      ciphertextBlob: bytes(1, 2, 3),
      encryptionContext: { a: "b" },
      grantTokens: ["t"],
      keyId: KEY,
      encryptionAlgorithm: "SYMMETRIC_DEFAULT",
      dryRun: true,
      dryRunModifiers: ["IGNORE_CIPHERTEXT"]
    })
    // Without ciphertext the Region decides: DryRun + IGNORE_CIPHERTEXT, or its own error (aws-kms-api.md §7.7).
    expect(decoded("Decrypt", {})).toEqual({})
  })

  it("holds CiphertextBlob to 1–6144 decoded bytes", () => {
    expect(decoded("Decrypt", { CiphertextBlob: blobOfSize(6144) }).ciphertextBlob).toHaveLength(6144)
    expect(decoded("Decrypt", { CiphertextBlob: blobOfSize(1) }).ciphertextBlob).toHaveLength(1)
    expectValidation("Decrypt", { CiphertextBlob: blobOfSize(6145) }, clause(undefined, "ciphertextBlob", "have length less than or equal to 6144"))
    expectValidation("Decrypt", { CiphertextBlob: "" }, clause(undefined, "ciphertextBlob", "have length greater than or equal to 1"))
  })

  it("holds DryRunModifiers to IGNORE_CIPHERTEXT", () => {
    expectValidation(
      "Decrypt",
      { CiphertextBlob: "AQID", DryRunModifiers: ["IGNORE_CIPHERTEXT", "IGNORE_KEY"] },
      clause("[IGNORE_CIPHERTEXT, IGNORE_KEY]", "dryRunModifiers", "satisfy constraint: [Member must satisfy enum value set: [IGNORE_CIPHERTEXT]]")
    )
  })

  it("validates Recipient, then refuses it", () => {
    expectValidation(
      "Decrypt",
      { CiphertextBlob: "AQID", Recipient: { KeyEncryptionAlgorithm: "RSA", AttestationDocument: "" } },
      clause("RSA", "recipient.keyEncryptionAlgorithm", "satisfy enum value set: [RSAES_OAEP_SHA_256]"),
      clause(undefined, "recipient.attestationDocument", "have length greater than or equal to 1")
    )
    expectSerialization("Decrypt", { Recipient: "enclave" }, "Unexpected field type at 'recipient'")
    expectUnsupported("Decrypt", { CiphertextBlob: "AQID", Recipient: RECIPIENT }, NO_RECIPIENT)
  })
})

describe("ReEncrypt request", () => {
  it("decodes every member and requires DestinationKeyId", () => {
    expect(
      decoded("ReEncrypt", {
        CiphertextBlob: "AQID",
        SourceEncryptionContext: { a: "b" },
        SourceKeyId: KEY,
        DestinationKeyId: "alias/next",
        DestinationEncryptionContext: { c: "d" },
        SourceEncryptionAlgorithm: "SYMMETRIC_DEFAULT",
        DestinationEncryptionAlgorithm: "SYMMETRIC_DEFAULT",
        GrantTokens: [],
        DryRun: false,
        DryRunModifiers: []
      })
    ).toEqual({
      ciphertextBlob: bytes(1, 2, 3),
      sourceEncryptionContext: { a: "b" },
      sourceKeyId: KEY,
      destinationKeyId: "alias/next",
      destinationEncryptionContext: { c: "d" },
      sourceEncryptionAlgorithm: "SYMMETRIC_DEFAULT",
      destinationEncryptionAlgorithm: "SYMMETRIC_DEFAULT",
      grantTokens: [],
      dryRun: false,
      dryRunModifiers: []
    })
    expectValidation("ReEncrypt", { CiphertextBlob: "AQID" }, clause(null, "destinationKeyId", "not be null"))
  })

  it("reports violations of source and destination in model order", () => {
    expectValidation(
      "ReEncrypt",
      { CiphertextBlob: blobOfSize(6145), SourceKeyId: "", DestinationEncryptionAlgorithm: "X", SourceEncryptionAlgorithm: "Y" },
      clause(undefined, "ciphertextBlob", "have length less than or equal to 6144"),
      clause("", "sourceKeyId", "have length greater than or equal to 1"),
      clause(null, "destinationKeyId", "not be null"),
      clause("Y", "sourceEncryptionAlgorithm", ALGORITHMS),
      clause("X", "destinationEncryptionAlgorithm", ALGORITHMS)
    )
  })
})

describe("data key requests", () => {
  it.each(["GenerateDataKey", "GenerateDataKeyWithoutPlaintext"] as const)("%s decodes its members", (operation) => {
    expect(
      decoded(operation, { KeyId: KEY, EncryptionContext: { a: "b" }, KeySpec: "AES_128", GrantTokens: ["t"], DryRun: true })
    ).toEqual({ keyId: KEY, encryptionContext: { a: "b" }, keySpec: "AES_128", grantTokens: ["t"], dryRun: true })
    expect(decoded(operation, { KeyId: KEY, NumberOfBytes: 64 })).toEqual({ keyId: KEY, numberOfBytes: 64 })
    expectValidation(operation, { NumberOfBytes: 32 }, clause(null, "keyId", "not be null"))
  })

  it.each(["GenerateDataKey", "GenerateDataKeyWithoutPlaintext"] as const)(
    "%s holds NumberOfBytes to 1–1024 and KeySpec to AES_256/AES_128 (obs messages)",
    (operation) => {
      expect(decoded(operation, { KeyId: KEY, NumberOfBytes: 1 })).toEqual({ keyId: KEY, numberOfBytes: 1 })
      expect(decoded(operation, { KeyId: KEY, NumberOfBytes: 1024 })).toEqual({ keyId: KEY, numberOfBytes: 1024 })
      expectValidation(operation, { KeyId: KEY, NumberOfBytes: 0 }, clause("0", "numberOfBytes", "have value greater than or equal to 1"))
      expectValidation(operation, { KeyId: KEY, NumberOfBytes: 1025 }, clause("1025", "numberOfBytes", "have value less than or equal to 1024"))
      expectValidation(operation, { KeyId: KEY, KeySpec: "AES_512" }, clause("AES_512", "keySpec", "satisfy enum value set: [AES_256, AES_128]"))
    }
  )

  it("leaves 'exactly one of NumberOfBytes and KeySpec' to the Region", () => {
    expect(decoded("GenerateDataKey", { KeyId: KEY, NumberOfBytes: 32, KeySpec: "AES_256" })).toEqual({
      keyId: KEY,
      numberOfBytes: 32,
      keySpec: "AES_256"
    })
    expect(decoded("GenerateDataKey", { KeyId: KEY })).toEqual({ keyId: KEY })
  })

  it("GenerateDataKey refuses Recipient", () => {
    expectUnsupported("GenerateDataKey", { KeyId: KEY, KeySpec: "AES_256", Recipient: RECIPIENT }, NO_RECIPIENT)
  })
})

describe("GenerateRandom request", () => {
  it("decodes NumberOfBytes, leaving its absence to the Region", () => {
    expect(decoded("GenerateRandom", { NumberOfBytes: 32 })).toEqual({ numberOfBytes: 32 })
    expect(decoded("GenerateRandom", {})).toEqual({})
  })

  it("holds NumberOfBytes to 1–1024 (obs messages)", () => {
    expect(decoded("GenerateRandom", { NumberOfBytes: 1 })).toEqual({ numberOfBytes: 1 })
    expect(decoded("GenerateRandom", { NumberOfBytes: 1024 })).toEqual({ numberOfBytes: 1024 })
    expectValidation("GenerateRandom", { NumberOfBytes: 0 }, clause("0", "numberOfBytes", "have value greater than or equal to 1"))
    expectValidation("GenerateRandom", { NumberOfBytes: 1025 }, clause("1025", "numberOfBytes", "have value less than or equal to 1024"))
    expectValidation("GenerateRandom", { NumberOfBytes: -5 }, clause("-5", "numberOfBytes", "have value greater than or equal to 1"))
  })

  it("validates CustomKeyStoreId and Recipient, then refuses them", () => {
    expectValidation("GenerateRandom", { CustomKeyStoreId: "" }, clause("", "customKeyStoreId", "have length greater than or equal to 1"))
    expectUnsupported("GenerateRandom", { NumberOfBytes: 8, CustomKeyStoreId: "cks-1" }, "CustomKeyStoreId is not supported: Trent has no custom key stores.")
    expectUnsupported("GenerateRandom", { NumberOfBytes: 8, Recipient: RECIPIENT }, NO_RECIPIENT)
  })
})
