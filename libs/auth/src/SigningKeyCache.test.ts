import { createSecretKey, type KeyObject } from "node:crypto"
import { describe, expect, it } from "vitest"
import { SigningKeyCache } from "./SigningKeyCache.ts"

const key = (byte: number): KeyObject => createSecretKey(new Uint8Array(32).fill(byte))

describe("SigningKeyCache", () => {
  it("derives a key once per access key, date and region", () => {
    const cache = new SigningKeyCache()
    let derivations = 0
    const derive = () => {
      derivations += 1
      return key(derivations)
    }
    const first = cache.get("AKIA1", "20240101", "eu-west-1", derive)
    expect(cache.get("AKIA1", "20240101", "eu-west-1", derive)).toBe(first)
    cache.get("AKIA1", "20240102", "eu-west-1", derive)
    cache.get("AKIA1", "20240101", "us-east-1", derive)
    cache.get("AKIA2", "20240101", "eu-west-1", derive)
    expect(derivations).toBe(4)
  })

  it("holds at most its capacity, dropping the least recently used key", () => {
    const cache = new SigningKeyCache(2)
    const a = cache.get("A", "d", "r", () => key(1))
    const b = cache.get("B", "d", "r", () => key(2))
    expect(cache.get("A", "d", "r", () => key(9))).toBe(a)
    cache.get("C", "d", "r", () => key(3))
    expect(cache.size).toBe(2)
    expect(cache.get("A", "d", "r", () => key(9))).toBe(a)
    expect(cache.get("B", "d", "r", () => key(8))).not.toBe(b)
  })

  it("forgets every key when cleared", () => {
    const cache = new SigningKeyCache()
    const a = cache.get("A", "d", "r", () => key(1))
    cache.clear()
    expect(cache.size).toBe(0)
    expect(cache.get("A", "d", "r", () => key(2))).not.toBe(a)
  })
})
