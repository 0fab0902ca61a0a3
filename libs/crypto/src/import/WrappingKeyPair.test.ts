import { Effect } from "effect"
import { createPrivateKey, createPublicKey } from "node:crypto"
import { inspect } from "node:util"
import { describe, expect, it } from "vitest"
import { generateWrappingKeyPair, wrappingKeySpecs } from "./WrappingKeyPair.ts"

describe("generateWrappingKeyPair", () => {
  for (const spec of wrappingKeySpecs) {
    const bits = Number(spec.slice(4))
    it(`${spec}: a DER SPKI public key and a PKCS#8 private key, halves of one ${bits}-bit RSA pair with e = 65537`, async () => {
      const pair = await Effect.runPromise(generateWrappingKeyPair(spec))
      const publicKey = createPublicKey({ key: Buffer.from(pair.publicKey), format: "der", type: "spki" })
      const privateKey = createPrivateKey({ key: Buffer.from(pair.privateKey.unsafeBytes()), format: "der", type: "pkcs8" })
      for (const key of [publicKey, privateKey]) {
        expect(key.asymmetricKeyType).toBe("rsa")
        expect(key.asymmetricKeyDetails).toEqual({ modulusLength: bits, publicExponent: 65537n })
      }
      expect(createPublicKey(privateKey).export({ format: "der", type: "spki" })).toEqual(Buffer.from(pair.publicKey))
      expect(inspect(pair)).toContain("<SecretBytes redacted>")
    })
  }

  it("draws a fresh key pair every time", async () => {
    const [a, b] = await Effect.runPromise(Effect.all([generateWrappingKeyPair("RSA_2048"), generateWrappingKeyPair("RSA_2048")]))
    expect(a!.publicKey).not.toEqual(b!.publicKey)
  })

  it("generates RSA_4096 off the event loop: timers keep firing while the primes are searched", async () => {
    let ticks = 0
    const timer = setInterval(() => (ticks += 1), 1)
    try {
      const started = performance.now()
      await Effect.runPromise(generateWrappingKeyPair("RSA_4096"))
      const elapsed = performance.now() - started
      expect(ticks).toBeGreaterThan(0)
      // A blocked loop would show no tick at all; a free one ticks roughly every few milliseconds.
      if (elapsed > 200) expect(ticks).toBeGreaterThan(elapsed / 100)
    } finally {
      clearInterval(timer)
    }
  })
})
