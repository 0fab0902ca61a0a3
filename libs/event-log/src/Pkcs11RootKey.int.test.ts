import { it } from "@effect/vitest"
import { SecretBytes, WebCrypto } from "@trent/crypto"
import { Effect, Layer, Redacted } from "effect"
import pkcs11js from "pkcs11js"
import { afterAll, describe, expect } from "vitest"
import { existsSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { scratchDirectory } from "@trent/testing"
import { acquirePkcs11RootKey } from "./Pkcs11RootKey.ts"
import { RootKey } from "./RootKey.ts"
import { initSoftHsmToken, SOFTHSM_MODULE } from "./softHsmToken.test-support.ts"

const scratch = scratchDirectory("pkcs11-root-key", afterAll)
const binding = { region: "eu-west-1", keyId: "k1", versionId: "kek", algorithm: "AES_256_GCM_KEK" }
const kek = () => SecretBytes.copy(new Uint8Array(32).map((_, i) => i + 1))

describe("acquirePkcs11RootKey (SoftHSM2)", () => {
  it.effect("wraps in the token; after a restart the same key (found by label) unwraps what it wrapped", () =>
    Effect.gen(function*() {
      const options = initSoftHsmToken(scratch.fresh("hsm"), "trent-restart", "1234")
      const wrapped = yield* Effect.scoped(Effect.flatMap(acquirePkcs11RootKey(options), (key) => key.wrap(kek(), binding)))
      expect(wrapped[0]).toBe(0x02)
      const back = yield* Effect.scoped(Effect.flatMap(acquirePkcs11RootKey(options), (key) => key.unwrap(wrapped, binding)))
      expect(back.equals(kek())).toBe(true)
      const otherBinding = yield* Effect.scoped(Effect.flatMap(acquirePkcs11RootKey(options), (key) =>
        Effect.flip(key.unwrap(wrapped, { ...binding, keyId: "k2" }))))
      expect(otherBinding._tag).toBe("KeyUnwrapFailed")
    }).pipe(Effect.provide(WebCrypto.layer)))

  it.effect("refuses in one line when the token is absent", () =>
    Effect.gen(function*() {
      const options = initSoftHsmToken(scratch.fresh("hsm"), "trent-present", "1234")
      const error = yield* Effect.flip(Effect.scoped(acquirePkcs11RootKey({ ...options, tokenLabel: "trent-absent" })))
      expect(error.message).toBe(`no PKCS#11 token "trent-absent" (module ${SOFTHSM_MODULE}) is present: create it or check the token label`)
    }))

  it.effect("refuses a wrong PIN with the PKCS#11 reason and never the PIN", () =>
    Effect.gen(function*() {
      const options = initSoftHsmToken(scratch.fresh("hsm"), "trent-pin", "1234")
      const error = yield* Effect.flip(Effect.scoped(acquirePkcs11RootKey({ ...options, pin: Redacted.make("98765") })))
      expect(error.message).toBe(`the PKCS#11 token "trent-pin" (module ${SOFTHSM_MODULE}) refused the PIN (CKR_PIN_INCORRECT)`)
      expect(error.message).not.toContain("98765")
    }))

  it.effect("creates the key non-extractable: C_GetAttributeValue of CKA_VALUE fails, CKA_SENSITIVE is true", () =>
    Effect.gen(function*() {
      const options = initSoftHsmToken(scratch.fresh("hsm"), "trent-sensitive", "1234")
      yield* Effect.scoped(acquirePkcs11RootKey(options))
      const module = new pkcs11js.PKCS11()
      module.load(SOFTHSM_MODULE)
      module.C_Initialize()
      try {
        const slot = module.C_GetSlotList(true).find((s) => module.C_GetTokenInfo(s).label.trim() === "trent-sensitive")!
        const session = module.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION)
        module.C_Login(session, pkcs11js.CKU_USER, "1234")
        module.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_LABEL, value: "trent-root" }])
        const key = module.C_FindObjects(session)!
        module.C_FindObjectsFinal(session)
        expect(() => module.C_GetAttributeValue(session, key, [{ type: pkcs11js.CKA_VALUE }])).toThrow(/CKR_ATTRIBUTE_SENSITIVE/)
        const [sensitive, extractable] = module.C_GetAttributeValue(session, key, [
          { type: pkcs11js.CKA_SENSITIVE },
          { type: pkcs11js.CKA_EXTRACTABLE }
        ])
        expect([sensitive?.value, extractable?.value]).toEqual([Buffer.of(1), Buffer.of(0)])
      } finally {
        module.C_Finalize()
      }
    }))

  it.effect("RootKey.layer takes TRENT_ROOT_KEY_SOURCE=pkcs11:…: the key is the token's (PIN from a file), no root.key is written", () =>
    Effect.gen(function*() {
      const dir = scratch.fresh("hsm")
      const options = initSoftHsmToken(dir, "trent-layer", "4321")
      writeFileSync(join(dir, "pin"), "4321\n", { mode: 0o600 })
      const uri = `pkcs11:token=trent-layer;object=trent-root?module-path=${SOFTHSM_MODULE}&pin-source=file:${join(dir, "pin")}`
      const dataDir = join(dir, "data")
      const rootKey = RootKey.layer({ dataDir, env: { TRENT_ROOT_KEY_SOURCE: uri } })
      const wrapped = yield* Effect.provide(Effect.flatMap(Effect.service(RootKey), (key) => key.wrap(kek(), binding)), rootKey)
      const back = yield* Effect.scoped(Effect.flatMap(acquirePkcs11RootKey(options), (key) => key.unwrap(wrapped, binding)))
      expect(back.equals(kek())).toBe(true)
      expect(existsSync(join(dataDir, "root.key"))).toBe(false)
    }).pipe(Effect.provide(WebCrypto.layer)))

  it.effect("refuses a pkcs11: URI that carries the PIN itself (pin-value), without echoing it", () =>
    Effect.gen(function*() {
      const uri = `pkcs11:token=t;object=k?module-path=${SOFTHSM_MODULE}&pin-value=secret-pin`
      const error = yield* Effect.flip(Effect.scoped(RootKey.layer({ dataDir: scratch.fresh("data"), env: { TRENT_ROOT_KEY_SOURCE: uri } }).pipe(Layer.build)))
      expect(error.message).toBe("the PKCS#11 root key URI must not hold pin-value: name a pin-source (file:<path> or env:<NAME>)")
    }))
})
