import type { KeyUnwrapFailed, SecretBytes, WebCrypto, WrapBinding } from "@trent/crypto"
import type { Effect } from "effect"

/**
 * What a Region's root key does: wrap and unwrap the KEKs (and the audit signing key) kept in
 * the keyvault. It is operations, not bytes, so a root key in an HSM (PKCS#11, issue 18) can do
 * them inside the token without its bytes ever reaching Trent's memory.
 */
export interface RootKeyApi {
  readonly wrap: (material: SecretBytes, binding: WrapBinding) => Effect.Effect<Uint8Array, never, WebCrypto>
  readonly unwrap: (wrapped: Uint8Array, binding: WrapBinding) => Effect.Effect<SecretBytes, KeyUnwrapFailed, WebCrypto>
}
