import { Effect, Formatter, Inspectable } from "effect"
import { inspect } from "node:util"
import { describe, expect, it } from "vitest"
import { SecretBytes } from "./SecretBytes.ts"

// Bytes chosen so that any leak is easy to spot in every rendering: hex, decimal, base64.
const bytes = Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 0x13, 0x37)
const leaks = ["de", "ad", "be", "ef", "222", "173", "190", "239", "3q2+7xM3"]
const redacted = "<SecretBytes redacted>"

const renderings = (secret: SecretBytes): Record<string, string> => ({
  "String()": String(secret),
  "template literal": `${secret}`,
  "string concatenation": "" + secret,
  "JSON.stringify": JSON.stringify(secret),
  "JSON.stringify nested": JSON.stringify({ material: secret, list: [secret] }),
  "util.inspect": inspect(secret),
  "util.inspect nested, deep": inspect({ a: { b: { material: secret } } }, { depth: 10, showHidden: true }),
  "Effect Formatter.format": Formatter.format({ material: secret }),
  "Effect Inspectable.toStringUnknown": Inspectable.toStringUnknown({ material: secret })
})

describe("SecretBytes", () => {
  const secret = SecretBytes.copy(bytes)

  for (const [how, text] of Object.entries(renderings(secret))) {
    it(`never prints its bytes through ${how}`, () => {
      expect(text).toContain(redacted)
      for (const leak of leaks) expect(text.toLowerCase()).not.toContain(leak.toLowerCase())
    })
  }

  it("never prints its bytes in a failure's message", async () => {
    const exit = await Effect.runPromiseExit(Effect.fail({ material: secret }))
    expect(String(exit)).toContain(redacted)
    expect(String(exit)).not.toMatch(/222|173|deadbeef/i)
  })

  it("exposes no enumerable own properties to spread or Object.keys", () => {
    expect(Object.keys(secret)).toEqual([])
    expect({ ...secret }).toEqual({})
  })

  it("hands out its bytes only through unsafeBytes()", () => {
    expect(Array.from(secret.unsafeBytes())).toEqual(Array.from(bytes))
    expect(secret.length).toBe(bytes.length)
  })

  it("copy() leaves the caller's array independent; adopt() takes it over", () => {
    const source = Uint8Array.of(1, 2, 3)
    const copied = SecretBytes.copy(source)
    const adopted = SecretBytes.adopt(source)
    source[0] = 9
    expect(copied.unsafeBytes()[0]).toBe(1)
    expect(adopted.unsafeBytes()[0]).toBe(9)
  })

  it("compares equal only to the same bytes of the same length", () => {
    expect(SecretBytes.copy(bytes).equals(SecretBytes.copy(bytes))).toBe(true)
    expect(SecretBytes.copy(bytes).equals(SecretBytes.copy(bytes.subarray(0, 5)))).toBe(false)
    expect(SecretBytes.copy(Uint8Array.of(1, 2, 3)).equals(SecretBytes.copy(Uint8Array.of(1, 2, 4)))).toBe(false)
    expect(SecretBytes.copy(new Uint8Array(0)).equals(SecretBytes.copy(new Uint8Array(0)))).toBe(true)
    expect(SecretBytes.copy(new Uint8Array(0)).equals(SecretBytes.copy(Uint8Array.of(0)))).toBe(false)
  })

  it("destroy() overwrites the bytes with zeros", () => {
    const doomed = SecretBytes.copy(bytes)
    doomed.destroy()
    expect(Array.from(doomed.unsafeBytes())).toEqual(new Array(bytes.length).fill(0))
  })
})
