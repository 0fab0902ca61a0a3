import { describe, expect, it } from "vitest"
import { clause, decoded, expectSerialization, expectValidation } from "./requestAssertions.test-support.ts"

const KEY = "1234abcd-12ab-34cd-56ef-1234567890ab"

describe("rotation requests", () => {
  it.each(["DisableKeyRotation", "GetKeyRotationStatus", "RotateKeyOnDemand"] as const)("%s decodes its key id", (operation) => {
    expect(decoded(operation, { KeyId: KEY })).toEqual({ keyId: KEY })
    expectValidation(operation, { KeyId: null }, clause(null, "keyId", "not be null"))
  })

  it("EnableKeyRotation holds RotationPeriodInDays to 90–2560", () => {
    expect(decoded("EnableKeyRotation", { KeyId: KEY })).toEqual({ keyId: KEY })
    expect(decoded("EnableKeyRotation", { KeyId: KEY, RotationPeriodInDays: 90 })).toEqual({ keyId: KEY, rotationPeriodInDays: 90 })
    expect(decoded("EnableKeyRotation", { KeyId: KEY, RotationPeriodInDays: 2560 })).toEqual({ keyId: KEY, rotationPeriodInDays: 2560 })
    expectValidation(
      "EnableKeyRotation",
      { KeyId: KEY, RotationPeriodInDays: 89 },
      clause("89", "rotationPeriodInDays", "have value greater than or equal to 90")
    )
    expectValidation(
      "EnableKeyRotation",
      { KeyId: KEY, RotationPeriodInDays: 2561 },
      clause("2561", "rotationPeriodInDays", "have value less than or equal to 2560")
    )
    expectSerialization("EnableKeyRotation", { KeyId: KEY, RotationPeriodInDays: "365" })
  })

  it("ListKeyRotations decodes IncludeKeyMaterial, Limit 1–1000 and Marker", () => {
    expect(
      decoded("ListKeyRotations", { KeyId: KEY, IncludeKeyMaterial: "ALL_KEY_MATERIAL", Limit: 1000, Marker: "m" })
    ).toEqual({ keyId: KEY, includeKeyMaterial: "ALL_KEY_MATERIAL", limit: 1000, marker: "m" })
    expect(decoded("ListKeyRotations", { KeyId: KEY, IncludeKeyMaterial: "ROTATIONS_ONLY", Limit: 1 })).toEqual({
      keyId: KEY,
      includeKeyMaterial: "ROTATIONS_ONLY",
      limit: 1
    })
    expectValidation(
      "ListKeyRotations",
      { IncludeKeyMaterial: "ALL", Limit: 1001 },
      clause(null, "keyId", "not be null"),
      clause("ALL", "includeKeyMaterial", "satisfy enum value set: [ALL_KEY_MATERIAL, ROTATIONS_ONLY]"),
      clause("1001", "limit", "have value less than or equal to 1000")
    )
    expectValidation("ListKeyRotations", { KeyId: KEY, Limit: 0 }, clause("0", "limit", "have value greater than or equal to 1"))
  })
})
