import { Redacted } from "effect"
import { describe, expect, it } from "vitest"
import { generateAccessKeyId, generateSecretAccessKey } from "./AccessKeyGeneration.ts"

describe("access key generation", () => {
  it("makes ids of AKIA and 16 base32 characters, all different", () => {
    const ids = Array.from({ length: 1000 }, generateAccessKeyId)
    for (const id of ids) expect(id).toMatch(/^AKIA[A-Z2-7]{16}$/)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it("makes 40-character base64 secrets, all different, that print as redacted", () => {
    const secrets = Array.from({ length: 1000 }, generateSecretAccessKey)
    for (const secret of secrets) expect(Redacted.value(secret)).toMatch(/^[A-Za-z0-9+/]{40}$/)
    expect(new Set(secrets.map(Redacted.value)).size).toBe(secrets.length)
    expect(String(secrets[0])).not.toContain(Redacted.value(secrets[0]!))
    expect(JSON.stringify({ secret: secrets[0] })).not.toContain(Redacted.value(secrets[0]!))
  })
})
