import { concatBytes, KeyUnwrapFailed, lengthPrefixed, SecretBytes, WebCrypto, type WrapBinding } from "@trent/crypto"
import { Effect, Redacted, type Scope } from "effect"
// pkcs11js: PeculiarVentures' 1:1 binding of the PKCS#11 v2.40 C API (its own TypeScript types). Trent
// needs six calls (find, generate, encrypt, decrypt, login, attribute read); graphene-pk11's object
// model and node-webcrypto-p11's WebCrypto facade (which would hand out CryptoKeys, not wrap in-token)
// add layers over exactly these calls without removing any of them.
import * as pkcs11js from "pkcs11js"
import type { Pkcs11RootKeyOptions } from "./Pkcs11RootKeyUri.ts"
import type { RootKeyApi } from "./RootKeyApi.ts"
import { RootKeyError } from "./RootKeyError.ts"

/**
 * A root key that lives in a PKCS#11 token: AES-256, CKA_SENSITIVE true and CKA_EXTRACTABLE
 * false (PKCS#11 v2.40 §4.10 "Secret key objects"), so the token never reveals its value —
 * KEKs are wrapped and unwrapped by C_Encrypt/C_Decrypt with CKM_AES_GCM inside the token
 * (PKCS#11 Current Mechanisms v2.40 §2.12.3). The KEK bytes come into memory as with a
 * software root key; the root key's never do.
 *
 *   wrapped = formatVersion (1 byte, 0x02) | iv (12) | ciphertext | tag (16)
 *   AAD     = formatVersion ‖ length-prefixed(label, region, keyId, versionId, algorithm)
 *
 * 0x02 keeps these apart from software-wrapped entries (0x01): neither opens as the other.
 */
const FORMAT_VERSION = 0x02
const IV_BYTES = 12
const TAG_BITS = 128
const label = "trent/pkcs11-root-key-wrap"
const utf8 = new TextEncoder()

const aad = (binding: WrapBinding): Buffer =>
  Buffer.from(concatBytes(
    Uint8Array.of(FORMAT_VERSION),
    lengthPrefixed([label, binding.region, binding.keyId, binding.versionId, binding.algorithm].map((f) => utf8.encode(f)))
  ))

const gcmParams = (iv: Uint8Array, binding: WrapBinding): pkcs11js.GcmParams => ({
  type: pkcs11js.CK_PARAMS_GCM,
  iv: Buffer.from(iv),
  ivBits: IV_BYTES * 8,
  aad: aad(binding),
  tagBits: TAG_BITS
})

const gcm = (iv: Uint8Array, binding: WrapBinding): pkcs11js.Mechanism => ({
  mechanism: pkcs11js.CKM_AES_GCM,
  parameter: gcmParams(iv, binding)
})

/** The PKCS#11 return value's name (CKR_PIN_INCORRECT, …): what an operator can look up; never the PIN. */
const reason = (error: unknown): string => {
  const code = error instanceof pkcs11js.Pkcs11Error ? error.code : undefined
  const name = code === undefined ? undefined : Object.entries(pkcs11js).find(([k, v]) => k.startsWith("CKR_") && v === code)?.[0]
  return name ?? (error instanceof Error ? error.message : String(error))
}

const refuse = (message: string) => new RootKeyError({ message })

const findSlot = (module: pkcs11js.PKCS11, options: Pkcs11RootKeyOptions): pkcs11js.Handle | undefined =>
  module.C_GetSlotList(true).find((slot) => module.C_GetTokenInfo(slot).label.trim() === options.tokenLabel)

const keyTemplate = (keyLabel: string): pkcs11js.Template => [
  { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
  { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
  { type: pkcs11js.CKA_LABEL, value: keyLabel }
]

const findKey = (module: pkcs11js.PKCS11, session: pkcs11js.Handle, keyLabel: string): pkcs11js.Handle | null => {
  module.C_FindObjectsInit(session, keyTemplate(keyLabel))
  try {
    return module.C_FindObjects(session)
  } finally {
    module.C_FindObjectsFinal(session)
  }
}

/** CKA_TOKEN makes it persist across sessions and restarts; CKA_PRIVATE needs a login to use it. */
const generateKey = (module: pkcs11js.PKCS11, session: pkcs11js.Handle, keyLabel: string): pkcs11js.Handle =>
  module.C_GenerateKey(session, { mechanism: pkcs11js.CKM_AES_KEY_GEN }, [
    ...keyTemplate(keyLabel),
    { type: pkcs11js.CKA_VALUE_LEN, value: 32 },
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_PRIVATE, value: true },
    { type: pkcs11js.CKA_SENSITIVE, value: true },
    { type: pkcs11js.CKA_EXTRACTABLE, value: false },
    { type: pkcs11js.CKA_ENCRYPT, value: true },
    { type: pkcs11js.CKA_DECRYPT, value: true }
  ])

interface OpenToken {
  readonly module: pkcs11js.PKCS11
  readonly session: pkcs11js.Handle
  readonly key: pkcs11js.Handle
  readonly created: boolean
}

const openToken = (options: Pkcs11RootKeyOptions): Effect.Effect<OpenToken, RootKeyError> =>
  Effect.suspend(() => {
    const where = `PKCS#11 token "${options.tokenLabel}" (module ${options.modulePath})`
    const module = new pkcs11js.PKCS11()
    try {
      module.load(options.modulePath)
      module.C_Initialize()
    } catch (error) {
      return Effect.fail(refuse(`the PKCS#11 module ${options.modulePath} cannot be loaded: ${reason(error)}`))
    }
    const close = () => {
      try {
        module.C_Finalize()
      } catch { /* already finalized: nothing to release */ }
    }
    const slot = findSlot(module, options)
    if (slot === undefined) {
      close()
      return Effect.fail(refuse(`no ${where} is present: create it or check the token label`))
    }
    const session = module.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION)
    try {
      module.C_Login(session, pkcs11js.CKU_USER, Redacted.value(options.pin))
    } catch (error) {
      close()
      return Effect.fail(refuse(`the ${where} refused the PIN (${reason(error)})`))
    }
    try {
      const found = findKey(module, session, options.keyLabel)
      const key = found ?? generateKey(module, session, options.keyLabel)
      return Effect.succeed({ module, session, key, created: found === null })
    } catch (error) {
      close()
      return Effect.fail(refuse(`the root key "${options.keyLabel}" in the ${where} cannot be found or created: ${reason(error)}`))
    }
  })

const operations = ({ key, module, session }: OpenToken): RootKeyApi => ({
  wrap: (material, binding) =>
    Effect.gen(function*() {
      const iv = (yield* WebCrypto).getRandomValues(new Uint8Array(IV_BYTES))
      // Init and the call run in one synchronous block: no other operation can interleave on the session.
      module.C_EncryptInit(session, gcm(iv, binding), key)
      const out = module.C_Encrypt(session, Buffer.from(material.unsafeBytes()), Buffer.alloc(material.length + TAG_BITS / 8))
      return concatBytes(Uint8Array.of(FORMAT_VERSION), iv, out)
    }),
  unwrap: (wrapped, binding) =>
    Effect.suspend(() => {
      if (wrapped.length < 1 + IV_BYTES + TAG_BITS / 8 || wrapped[0] !== FORMAT_VERSION) return Effect.fail(new KeyUnwrapFailed())
      try {
        module.C_DecryptInit(session, gcm(wrapped.subarray(1, 1 + IV_BYTES), binding), key)
        const body = Buffer.from(wrapped.subarray(1 + IV_BYTES))
        return Effect.succeed(SecretBytes.adopt(new Uint8Array(module.C_Decrypt(session, body, Buffer.alloc(body.length)))))
      } catch {
        return Effect.fail(new KeyUnwrapFailed())
      }
    })
})

/** Opens the token, finds (or on first start creates) the root key, and logs out when the scope closes. */
export const acquirePkcs11RootKey = (options: Pkcs11RootKeyOptions): Effect.Effect<RootKeyApi, RootKeyError, Scope.Scope> =>
  Effect.acquireRelease(openToken(options), ({ module, session }) =>
    Effect.sync(() => {
      try {
        module.C_Logout(session)
        module.C_CloseSession(session)
      } finally {
        module.C_Finalize()
      }
    })).pipe(
      Effect.tap((token) =>
        token.created
          ? Effect.logInfo(`created the root key "${options.keyLabel}" in PKCS#11 token "${options.tokenLabel}" (non-extractable)`)
          : Effect.void
      ),
      Effect.map(operations)
    )
