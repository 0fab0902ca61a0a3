import { checkProperty } from "@trent/testing"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeGrantToken, encodeGrantToken } from "./GrantToken.ts"

const ARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

describe("grant tokens (aws-kms-api.md §7.5)", () => {
  it("name the key and grant they stand for, and differ for every nonce", () => {
    const a = encodeGrantToken({ keyArn: ARN, grantId: "g".repeat(64) }, "n1")
    const b = encodeGrantToken({ keyArn: ARN, grantId: "g".repeat(64) }, "n2")
    expect(a).not.toBe(b)
    expect(decodeGrantToken(a)).toEqual({ keyArn: ARN, grantId: "g".repeat(64) })
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/)
  })
  it("reject anything that is not a token Trent made", () => {
    for (const bad of ["", "x", "not a token!", btoa("[1,2,3]"), btoa(JSON.stringify(["other", "a", "b", "c"]))]) {
      expect(decodeGrantToken(bad)).toBeUndefined()
    }
  })
  it("never throws on arbitrary input", () =>
    checkProperty("grant token decoding is total", fc.property(fc.string({ maxLength: 200 }), (text) => {
      decodeGrantToken(text)
    })))
})
