import { Operations } from "@trent/domain"
import { describe, expect, it } from "vitest"
import { classifyTarget } from "./classifyTarget.ts"
import { servedOperations } from "./ServedOperation.ts"

const served: ReadonlyArray<string> = servedOperations

describe("classifyTarget", () => {
  it.each(Operations.map((operation) => [operation]))("classifies TrentService.%s as served or known-but-not-served", (operation) => {
    const expected = served.includes(operation) ? { _tag: "Served", operation } : { _tag: "NotServed", operation }
    expect(classifyTarget(`TrentService.${operation}`)).toEqual(expected)
  })

  it("serves every one of the model's 54 operations", () => {
    const classes = Operations.map((operation) => classifyTarget(`TrentService.${operation}`)._tag)
    expect(classes.filter((tag) => tag === "Served")).toHaveLength(54)
    expect(classes.filter((tag) => tag === "NotServed")).toHaveLength(0)
  })

  it("answers a missing header as unknown", () => {
    expect(classifyTarget(undefined)).toEqual({ _tag: "Unknown" })
    expect(classifyTarget("")).toEqual({ _tag: "Unknown" })
  })

  it("answers another prefix, or none, as unknown", () => {
    for (const target of ["Encrypt", "KMS.Encrypt", "DynamoDB_20120810.Encrypt", "trentservice.Encrypt", "TrentService", "TrentService."]) {
      expect(classifyTarget(target)).toEqual({ _tag: "Unknown" })
    }
  })

  it("answers names in the wrong case, or unknown to the model, as unknown", () => {
    for (const target of ["TrentService.encrypt", "TrentService.ENCRYPT", "TrentService.createKey", "TrentService.Frobnicate", "TrentService.Encrypt "]) {
      expect(classifyTarget(target)).toEqual({ _tag: "Unknown" })
    }
  })

  it("does not take inherited object properties for operations", () => {
    expect(classifyTarget("TrentService.constructor")).toEqual({ _tag: "Unknown" })
    expect(classifyTarget("TrentService.__proto__")).toEqual({ _tag: "Unknown" })
  })
})
