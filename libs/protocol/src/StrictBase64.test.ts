import { checkProperty } from "@trent/testing"
import { Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeBase64, encodeBase64 } from "./StrictBase64.ts"

const failure = (text: string): string | undefined => {
  const decoded = decodeBase64(text)
  return Result.isFailure(decoded) ? decoded.failure : undefined
}

describe("StrictBase64", () => {
  it("decodes what it encodes, for any bytes", async () => {
    await checkProperty(
      "base64 round trip",
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(Result.getOrThrow(decodeBase64(encodeBase64(bytes)))).toEqual(bytes)
      })
    )
  })

  it("encodes with the standard alphabet and padding (RFC 4648 §10 vectors)", () => {
    const vectors = [["", ""], ["f", "Zg=="], ["fo", "Zm8="], ["foo", "Zm9v"], ["foob", "Zm9vYg=="], ["fooba", "Zm9vYmE="]]
    for (const [text, encoded] of vectors) expect(encodeBase64(new TextEncoder().encode(text))).toBe(encoded)
    expect(encodeBase64(new Uint8Array([0xfb, 0xff]))).toBe("+/8=")
  })

  it("decodes the empty string to no bytes (the length rule then decides)", () => {
    expect(Result.getOrThrow(decodeBase64(""))).toEqual(new Uint8Array())
  })

  it("rejects a length that is not a multiple of four, saying so as AWS does", () => {
    expect(failure("23456")).toBe("Base64 encoded length is expected a multiple of 4 bytes but found: 5")
    expect(failure("Zg")).toBe("Base64 encoded length is expected a multiple of 4 bytes but found: 2")
  })

  it("rejects characters outside the standard alphabet: URL-safe, whitespace, padding inside", () => {
    for (const text of ["-_8=", "Zm9v\nYg=", "Zm 9", "Zg==Zg==", "=Zg=", "Z===", "===="]) {
      expect(failure(text)).toBe("Base64 encoded value contains a character outside the standard alphabet")
    }
  })

  it("rejects a non-canonical last character (unused bits set), as AWS does", () => {
    expect(failure("Zh==")).toBe("Invalid last non-pad Base64 character detected")
    expect(failure("+/+=")).toBe("Invalid last non-pad Base64 character detected")
    expect(Result.isSuccess(decodeBase64("Zg=="))).toBe(true)
  })

  it("never echoes the content in a message (blobs may be secrets)", async () => {
    await checkProperty(
      "base64 failures say nothing of the input",
      fc.property(fc.string({ minLength: 6, unit: "binary" }).map((s) => `${s}SECRET`), (text) => {
        const message = failure(text)
        if (message !== undefined) expect(message).not.toContain("SECRET")
      })
    )
  })
})
