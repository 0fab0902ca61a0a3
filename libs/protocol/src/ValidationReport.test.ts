import { maxLength } from "@trent/domain"
import { describe, expect, it } from "vitest"
import { hidden, memberConstraints, notNull, nullValue, shown, validationReport } from "./ValidationReport.ts"

describe("validationReport", () => {
  it("formats one violation as AWS does", () => {
    expect(validationReport([{ path: "keyId", value: shown("x"), rule: maxLength(1) }])).toBe(
      "1 validation error detected: Value 'x' at 'keyId' failed to satisfy constraint: Member must have length less than or equal to 1"
    )
  })

  it("prints a missing member as the bare word null", () => {
    expect(validationReport([{ path: "keyId", value: nullValue, rule: notNull }])).toBe(
      "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null"
    )
  })

  it("leaves the value out for blobs and sensitive members", () => {
    expect(validationReport([{ path: "plaintext", value: hidden, rule: maxLength(4096) }])).toBe(
      "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096"
    )
  })

  it("counts several violations and joins them with '; '", () => {
    expect(
      validationReport([
        { path: "keyId", value: nullValue, rule: notNull },
        { path: "limit", value: shown("0"), rule: "have value greater than or equal to 1" }
      ])
    ).toBe(
      "2 validation errors detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null; " +
        "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"
    )
  })

  it("phrases a list member's constraints as AWS does", () => {
    expect(memberConstraints(["have length less than or equal to 128", "have length greater than or equal to 1"])).toBe(
      "satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]"
    )
  })
})
