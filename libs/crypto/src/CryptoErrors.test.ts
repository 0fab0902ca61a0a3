import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { InvalidCiphertext, InvalidCryptoParameter, KeyUnwrapFailed } from "./CryptoErrors.ts"

describe("crypto errors", () => {
  it("InvalidCiphertext carries nothing but its tag, so it cannot say why decryption failed", () => {
    const error = new InvalidCiphertext()
    expect(error._tag).toBe("InvalidCiphertext")
    expect(Schema.encodeSync(InvalidCiphertext)(error)).toEqual({ _tag: "InvalidCiphertext" })
    expect(JSON.parse(JSON.stringify(error))).toEqual({ _tag: "InvalidCiphertext" })
  })

  it("KeyUnwrapFailed carries nothing but its tag", () => {
    expect(Schema.encodeSync(KeyUnwrapFailed)(new KeyUnwrapFailed())).toEqual({ _tag: "KeyUnwrapFailed" })
  })

  it("InvalidCryptoParameter carries only its message", () => {
    const error = new InvalidCryptoParameter({ message: "plaintext must be 1 to 4096 bytes, got 0" })
    expect(error.message).toBe("plaintext must be 1 to 4096 bytes, got 0")
    expect(Schema.encodeSync(InvalidCryptoParameter)(error)).toEqual({
      _tag: "InvalidCryptoParameter",
      message: "plaintext must be 1 to 4096 bytes, got 0"
    })
  })

  it("round-trip through their schemas, so they can cross a process boundary", () => {
    for (const [schema, error] of [
      [InvalidCiphertext, new InvalidCiphertext()],
      [KeyUnwrapFailed, new KeyUnwrapFailed()],
      [InvalidCryptoParameter, new InvalidCryptoParameter({ message: "m" })]
    ] as const) {
      const decoded = Schema.decodeUnknownSync(schema)(Schema.encodeUnknownSync(schema)(error))
      expect(decoded).toBeInstanceOf(schema)
      expect(decoded).toEqual(error)
    }
  })

  it("are Errors that Effect can yield", () => {
    expect(new InvalidCiphertext()).toBeInstanceOf(Error)
    expect(new KeyUnwrapFailed()).toBeInstanceOf(Error)
    expect(new InvalidCryptoParameter({ message: "m" })).toBeInstanceOf(Error)
  })
})
