import { WrappingAlgorithms, WrappingKeySpecs } from "@trent/domain"
import { describe, expect, it } from "vitest"
import { blobOfSize, clause, decoded, expectSerialization, expectValidation } from "./requestAssertions.test-support.ts"

const KEY = "1234abcd-12ab-34cd-56ef-1234567890ab"
const MATERIAL = "0123456789abcdef".repeat(4)
const HEX_PATTERN = "satisfy regular expression pattern: ^[a-f0-9]+$"
const DESCRIPTION_PATTERN = "satisfy regular expression pattern: ^[a-zA-Z0-9:/_\\s.-]+$"
/** The smallest valid ImportKeyMaterial body. */
const IMPORT = { KeyId: KEY, ImportToken: "AQID", EncryptedKeyMaterial: "BAUG" }

describe("GetParametersForImport request", () => {
  it("decodes the key, the wrapping algorithm and the wrapping key spec", () => {
    expect(
      decoded("GetParametersForImport", { KeyId: KEY, WrappingAlgorithm: "RSA_AES_KEY_WRAP_SHA_256", WrappingKeySpec: "RSA_4096" })
    ).toEqual({ keyId: KEY, wrappingAlgorithm: "RSA_AES_KEY_WRAP_SHA_256", wrappingKeySpec: "RSA_4096" })
  })

  it("accepts every AlgorithmSpec and WrappingKeySpec of the model (which pairs work is the Region's rule)", () => {
    for (const wrappingAlgorithm of WrappingAlgorithms) {
      for (const wrappingKeySpec of WrappingKeySpecs) {
        expect(decoded("GetParametersForImport", { KeyId: KEY, WrappingAlgorithm: wrappingAlgorithm, WrappingKeySpec: wrappingKeySpec })).toEqual({
          keyId: KEY,
          wrappingAlgorithm,
          wrappingKeySpec
        })
      }
    }
  })

  it("requires all three members", () => {
    expectValidation(
      "GetParametersForImport",
      {},
      clause(null, "keyId", "not be null"),
      clause(null, "wrappingAlgorithm", "not be null"),
      clause(null, "wrappingKeySpec", "not be null")
    )
    expectValidation("GetParametersForImport", { KeyId: KEY, WrappingKeySpec: "RSA_2048" }, clause(null, "wrappingAlgorithm", "not be null"))
    expectValidation("GetParametersForImport", { KeyId: KEY, WrappingAlgorithm: "RSAES_OAEP_SHA_256" }, clause(null, "wrappingKeySpec", "not be null"))
  })

  it("rejects values outside the enums, printing the model's value set", () => {
    expectValidation(
      "GetParametersForImport",
      { KeyId: KEY, WrappingAlgorithm: "RSAES_OAEP_SHA_512", WrappingKeySpec: "RSA_1024" },
      clause(
        "RSAES_OAEP_SHA_512",
        "wrappingAlgorithm",
        "satisfy enum value set: [RSAES_PKCS1_V1_5, RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256, RSA_AES_KEY_WRAP_SHA_1, RSA_AES_KEY_WRAP_SHA_256, SM2PKE]"
      ),
      clause("RSA_1024", "wrappingKeySpec", "satisfy enum value set: [RSA_2048, RSA_3072, RSA_4096, SM2]")
    )
  })
})

describe("ImportKeyMaterial request", () => {
  it("decodes every member: blobs to bytes, ValidTo from epoch seconds to milliseconds", () => {
    expect(
      decoded("ImportKeyMaterial", {
        ...IMPORT,
        ValidTo: 1_735_689_600,
        ExpirationModel: "KEY_MATERIAL_EXPIRES",
        ImportType: "EXISTING_KEY_MATERIAL",
        KeyMaterialDescription: "HSM export 2024/11: batch_7 v1.2",
        KeyMaterialId: MATERIAL
      })
    ).toEqual({
      keyId: KEY,
      importToken: new Uint8Array([1, 2, 3]),
      encryptedKeyMaterial: new Uint8Array([4, 5, 6]),
      validTo: 1_735_689_600_000,
      expirationModel: "KEY_MATERIAL_EXPIRES",
      importType: "EXISTING_KEY_MATERIAL",
      keyMaterialDescription: "HSM export 2024/11: batch_7 v1.2",
      keyMaterialId: MATERIAL
    })
  })

  it("decodes the required members alone, leaving the cross-member rules to the Region", () => {
    expect(decoded("ImportKeyMaterial", IMPORT)).toEqual({
      keyId: KEY,
      importToken: new Uint8Array([1, 2, 3]),
      encryptedKeyMaterial: new Uint8Array([4, 5, 6])
    })
    expect(decoded("ImportKeyMaterial", { ...IMPORT, ExpirationModel: "KEY_MATERIAL_EXPIRES" }).validTo).toBeUndefined()
    expect(decoded("ImportKeyMaterial", { ...IMPORT, ImportType: "NEW_KEY_MATERIAL", KeyMaterialId: MATERIAL }).keyMaterialId).toBe(MATERIAL)
  })

  it("requires KeyId, ImportToken and EncryptedKeyMaterial", () => {
    expectValidation(
      "ImportKeyMaterial",
      {},
      clause(null, "keyId", "not be null"),
      clause(null, "importToken", "not be null"),
      clause(null, "encryptedKeyMaterial", "not be null")
    )
    expectValidation("ImportKeyMaterial", { ...IMPORT, ImportToken: null }, clause(null, "importToken", "not be null"))
    expectValidation("ImportKeyMaterial", { KeyId: KEY, ImportToken: "AQID" }, clause(null, "encryptedKeyMaterial", "not be null"))
  })

  it("holds ImportToken and EncryptedKeyMaterial to 1–6144 decoded bytes, never printing them", () => {
    expect(decoded("ImportKeyMaterial", { ...IMPORT, ImportToken: blobOfSize(6144), EncryptedKeyMaterial: blobOfSize(6144) }).importToken).toHaveLength(6144)
    expectValidation(
      "ImportKeyMaterial",
      { KeyId: KEY, ImportToken: blobOfSize(6145), EncryptedKeyMaterial: "" },
      clause(undefined, "importToken", "have length less than or equal to 6144"),
      clause(undefined, "encryptedKeyMaterial", "have length greater than or equal to 1")
    )
  })

  it("refuses a blob that is not strict base64", () => {
    expectSerialization("ImportKeyMaterial", { ...IMPORT, ImportToken: "AQI" }, "Base64 encoded length is expected a multiple of 4 bytes but found: 3 at 'importToken'")
    expectSerialization(
      "ImportKeyMaterial",
      { ...IMPORT, EncryptedKeyMaterial: "AQ-_" },
      "Base64 encoded value contains a character outside the standard alphabet at 'encryptedKeyMaterial'"
    )
    expectSerialization("ImportKeyMaterial", { ...IMPORT, ImportToken: 7 }, "only base-64-encoded strings are convertible to bytes at 'importToken'")
  })

  it("decodes ValidTo as epoch seconds, fractional allowed, to whole milliseconds", () => {
    expect(decoded("ImportKeyMaterial", { ...IMPORT, ValidTo: 1.700000000123e9 }).validTo).toBe(1_700_000_000_123)
    expect(decoded("ImportKeyMaterial", { ...IMPORT, ValidTo: 1_700_000_000.5 }).validTo).toBe(1_700_000_000_500)
    expect(decoded("ImportKeyMaterial", { ...IMPORT, ValidTo: 0 }).validTo).toBe(0)
    expect(decoded("ImportKeyMaterial", { ...IMPORT, ValidTo: null }).validTo).toBeUndefined()
  })

  it("refuses a ValidTo that is not a number of seconds a date can hold", () => {
    expectSerialization(
      "ImportKeyMaterial",
      { ...IMPORT, ValidTo: "2025-01-01T00:00:00Z" },
      "STRING_VALUE can not be converted to a Timestamp at 'validTo'"
    )
    expectSerialization("ImportKeyMaterial", { ...IMPORT, ValidTo: "1735689600" }, "STRING_VALUE can not be converted to a Timestamp at 'validTo'")
    expectSerialization("ImportKeyMaterial", { ...IMPORT, ValidTo: true }, "TRUE_VALUE can not be converted to a Timestamp at 'validTo'")
    expectSerialization("ImportKeyMaterial", { ...IMPORT, ValidTo: 1e300 }, "NUMBER_VALUE can not be converted to a Timestamp at 'validTo'")
    expectSerialization("ImportKeyMaterial", { ...IMPORT, ValidTo: {} }, "Start of structure or map found where not expected at 'validTo'")
  })

  it("rejects ExpirationModel and ImportType outside their enums", () => {
    expectValidation(
      "ImportKeyMaterial",
      { ...IMPORT, ExpirationModel: "NEVER", ImportType: "new_key_material" },
      clause("NEVER", "expirationModel", "satisfy enum value set: [KEY_MATERIAL_EXPIRES, KEY_MATERIAL_DOES_NOT_EXPIRE]"),
      clause("new_key_material", "importType", "satisfy enum value set: [NEW_KEY_MATERIAL, EXISTING_KEY_MATERIAL]")
    )
  })

  it("holds KeyMaterialDescription to 0–256 characters of the model's pattern", () => {
    expect(decoded("ImportKeyMaterial", { ...IMPORT, KeyMaterialDescription: "d".repeat(256) }).keyMaterialDescription).toHaveLength(256)
    expectValidation(
      "ImportKeyMaterial",
      { ...IMPORT, KeyMaterialDescription: "d".repeat(257) },
      clause("d".repeat(257), "keyMaterialDescription", "have length less than or equal to 256")
    )
    expectValidation("ImportKeyMaterial", { ...IMPORT, KeyMaterialDescription: "v1*" }, clause("v1*", "keyMaterialDescription", DESCRIPTION_PATTERN))
    // The model's `+` refuses the empty description that its length would allow.
    expectValidation("ImportKeyMaterial", { ...IMPORT, KeyMaterialDescription: "" }, clause("", "keyMaterialDescription", DESCRIPTION_PATTERN))
  })

  it("holds KeyMaterialId to exactly 64 lowercase hex digits", () => {
    expectValidation(
      "ImportKeyMaterial",
      { ...IMPORT, KeyMaterialId: MATERIAL.slice(1) },
      clause(MATERIAL.slice(1), "keyMaterialId", "have length greater than or equal to 64")
    )
    expectValidation(
      "ImportKeyMaterial",
      { ...IMPORT, KeyMaterialId: `${MATERIAL}0` },
      clause(`${MATERIAL}0`, "keyMaterialId", "have length less than or equal to 64")
    )
    expectValidation("ImportKeyMaterial", { ...IMPORT, KeyMaterialId: MATERIAL.toUpperCase() }, clause(MATERIAL.toUpperCase(), "keyMaterialId", HEX_PATTERN))
  })
})

describe("DeleteImportedKeyMaterial request", () => {
  it("decodes the key, with or without a key material id", () => {
    expect(decoded("DeleteImportedKeyMaterial", { KeyId: KEY })).toEqual({ keyId: KEY })
    expect(decoded("DeleteImportedKeyMaterial", { KeyId: KEY, KeyMaterialId: MATERIAL })).toEqual({ keyId: KEY, keyMaterialId: MATERIAL })
  })

  it("requires KeyId", () => {
    expectValidation("DeleteImportedKeyMaterial", { KeyMaterialId: MATERIAL }, clause(null, "keyId", "not be null"))
    expectValidation("DeleteImportedKeyMaterial", { KeyId: "k".repeat(2049) }, clause("k".repeat(2049), "keyId", "have length less than or equal to 2048"))
  })

  it("holds KeyMaterialId to 64 lowercase hex digits", () => {
    expectValidation(
      "DeleteImportedKeyMaterial",
      { KeyId: KEY, KeyMaterialId: "current" },
      clause("current", "keyMaterialId", HEX_PATTERN),
      clause("current", "keyMaterialId", "have length greater than or equal to 64")
    )
    expectSerialization("DeleteImportedKeyMaterial", { KeyId: KEY, KeyMaterialId: 64 }, "NUMBER_VALUE can not be converted to a String at 'keyMaterialId'")
  })
})
