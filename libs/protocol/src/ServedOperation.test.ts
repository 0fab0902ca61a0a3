import { Operations } from "@trent/domain"
import { describe, expect, it } from "vitest"
import { operations } from "./operationRegistry.ts"
import { servedOperations } from "./ServedOperation.ts"

describe("servedOperations", () => {
  it("lists 54 distinct operations of the API model", () => {
    expect(new Set(servedOperations).size).toBe(54)
    for (const operation of servedOperations) expect(Operations).toContain(operation)
  })

  it("has a module for each served operation, and no other, each under its own name", () => {
    for (const [name, spec] of Object.entries(operations)) expect(spec.name).toBe(name)
    expect(Object.keys(operations).sort()).toEqual([...servedOperations].sort())
  })

  it("records a state-changing operation as not read-only in the audit trail, and the reverse", () => {
    for (const spec of Object.values(operations)) expect(spec.audit.readOnly).toBe(spec.state === "reads")
  })
})
