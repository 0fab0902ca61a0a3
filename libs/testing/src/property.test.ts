import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { checkProperty } from "./property.ts"

describe("checkProperty", () => {
  it("fails when the property fails, naming the seed", async () => {
    await expect(
      checkProperty("always false", fc.property(fc.integer(), () => false), { numRuns: 5, seed: 42 })
    ).rejects.toThrow(/seed: 42/)
  })
  it("passes a true property", async () => {
    await checkProperty("integers are integers", fc.property(fc.integer(), (n) => Number.isInteger(n)))
  })
})
