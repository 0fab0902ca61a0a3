import { MacAlgorithms } from "@trent/domain"
import { describe, expect, it } from "vitest"
import { MacAlgorithmsAsAwsLists } from "./ModelShapes.ts"
import { clause, decoded, expectValidation } from "./requestAssertions.test-support.ts"

const KEY = "1234abcd-12ab-34cd-56ef-1234567890ab"

describe("GenerateMac and VerifyMac requests", () => {
  it("refuse an unknown MacAlgorithm listing the values in AWS's order (obs), not the model's", () => {
    const rule = "satisfy enum value set: [HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]"
    expectValidation("GenerateMac", { KeyId: KEY, Message: "AA==", MacAlgorithm: "INVALID" }, clause("INVALID", "macAlgorithm", rule))
    expectValidation("VerifyMac", { KeyId: KEY, Message: "AA==", Mac: "AA==", MacAlgorithm: "INVALID" }, clause("INVALID", "macAlgorithm", rule))
  })

  it("accept every MacAlgorithmSpec of the model: AWS's order lists the same set", () => {
    expect([...MacAlgorithmsAsAwsLists].sort()).toEqual([...MacAlgorithms].sort())
    for (const macAlgorithm of MacAlgorithms) {
      expect(decoded("GenerateMac", { KeyId: KEY, Message: "AA==", MacAlgorithm: macAlgorithm }).macAlgorithm).toBe(macAlgorithm)
    }
  })
})
