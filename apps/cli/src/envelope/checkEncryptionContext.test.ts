import { describe, expect, it } from "vitest"
import { encryptionContextMismatch } from "./checkEncryptionContext.ts"

describe("encryptionContextMismatch", () => {
  it("accepts a message whose context holds every expected pair, and more", () => {
    expect(encryptionContextMismatch({ stage: "prod" }, { stage: "prod", "aws-crypto-public-key": "A…" })).toBeUndefined()
    expect(encryptionContextMismatch({}, { stage: "prod" })).toBeUndefined()
  })

  it("names every pair that is missing or different", () => {
    expect(encryptionContextMismatch({ stage: "prod", team: "pay" }, { stage: "dev" })).toBe(
      'the encryption context does not match: stage is "dev" (expected "prod"), team is missing (expected "pay")'
    )
  })
})
