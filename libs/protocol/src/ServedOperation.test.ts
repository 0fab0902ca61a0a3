import { Operations } from "@trent/domain"
import { describe, expect, expectTypeOf, it } from "vitest"
import type { RegionRequests } from "./RegionRequests.ts"
import type { RegionResults } from "./RegionResults.ts"
import { type ServedOperation, servedOperations } from "./ServedOperation.ts"

describe("servedOperations", () => {
  it("lists 54 distinct operations of the API model", () => {
    expect(new Set(servedOperations).size).toBe(54)
    for (const operation of servedOperations) expect(Operations).toContain(operation)
  })

  it("has a request and a result type for each served operation, and no other", () => {
    expectTypeOf<keyof RegionRequests>().toEqualTypeOf<ServedOperation>()
    expectTypeOf<keyof RegionResults>().toEqualTypeOf<ServedOperation>()
  })
})
