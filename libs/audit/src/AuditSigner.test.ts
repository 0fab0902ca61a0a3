import { generateKeyPairSync, verify } from "node:crypto"
import { it } from "@effect/vitest"
import { SecretBytes } from "@trent/crypto"
import { Effect } from "effect"
import { describe, expect } from "vitest"
import { AuditSigner, generateAuditSigningKey } from "./AuditSigner.ts"

describe("AuditSigner", () => {
  it.effect("signs with Ed25519 under the key it was given and publishes that key's SPKI", () =>
    Effect.gen(function*() {
      const { privateKey, publicKey } = generateAuditSigningKey()
      const signer = yield* AuditSigner.fromPrivateKey(privateKey)
      expect(Buffer.from(signer.publicKey).equals(Buffer.from(publicKey))).toBe(true)
      const message = new TextEncoder().encode("checkpoint")
      const signature = signer.sign(message)
      expect(signature).toHaveLength(64)
      expect(verify(null, message, { key: Buffer.from(publicKey), format: "der", type: "spki" }, signature)).toBe(true)
    }))

  it.effect("rejects a private key that is not Ed25519, and bytes that are no key, without showing them", () =>
    Effect.gen(function*() {
      const p256 = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "der", type: "pkcs8" })
      for (const bytes of [new Uint8Array(p256), new Uint8Array([1, 2, 3])]) {
        const error = yield* Effect.flip(AuditSigner.fromPrivateKey(SecretBytes.copy(bytes)))
        expect(error._tag).toBe("InvalidAuditSigningKey")
        expect(error.message).toMatch(/^the audit signing key is not an Ed25519 PKCS#8 private key/)
      }
    }))

  it("keeps the generated private key secret when printed", () => {
    expect(JSON.stringify(generateAuditSigningKey())).toContain("<SecretBytes redacted>")
  })
})
