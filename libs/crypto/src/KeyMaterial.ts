import { Effect } from "effect"
import { randomBytes } from "./RandomBytes.ts"
import { SecretBytes } from "./SecretBytes.ts"
import type { WebCrypto } from "./WebCrypto.ts"

/** Bytes of SYMMETRIC_DEFAULT backing key material and of a KEK: an AES-256 key. */
export const KEY_MATERIAL_BYTES = 32

/** Fresh AES-256 key material for a SYMMETRIC_DEFAULT key version, or a KEK. */
export const generateKeyMaterial: Effect.Effect<SecretBytes, never, WebCrypto> = Effect.map(
  randomBytes(KEY_MATERIAL_BYTES),
  SecretBytes.adopt
)
