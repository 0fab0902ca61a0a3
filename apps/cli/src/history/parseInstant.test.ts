import { describe, expect, it } from "vitest"
import { parseInstant } from "./parseInstant.ts"

describe("parseInstant", () => {
  it("reads epoch milliseconds", () => {
    expect(parseInstant("1740830400000")).toBe(1_740_830_400_000)
    expect(parseInstant("0")).toBe(0)
  })

  it("reads ISO 8601 with a zone, with or without seconds and fraction", () => {
    expect(parseInstant("2025-03-01T12:00:00Z")).toBe(Date.UTC(2025, 2, 1, 12))
    expect(parseInstant("2025-03-01T12:00:00.123Z")).toBe(Date.UTC(2025, 2, 1, 12, 0, 0, 123))
    expect(parseInstant("2025-03-01T14:00+02:00")).toBe(Date.UTC(2025, 2, 1, 12))
    expect(parseInstant("2025-03-01")).toBe(Date.UTC(2025, 2, 1))
  })

  it("rejects what is neither, and dates that do not exist", () => {
    for (const text of ["", "yesterday", "2025-3-1", "1.5", "-5", "2025-02-30", "2025-13-01", "2025-03-01T25:00Z", "12345678901234567"]) {
      expect(parseInstant(text), text).toBeUndefined()
    }
  })
})
