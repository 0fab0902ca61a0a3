import { type SecretBytes, unwrapKeyMaterial, wrapKeyMaterial } from "@trent/crypto"
import type { RootKeyApi } from "./RootKeyApi.ts"

/**
 * A root key held in Trent's memory (a root.key file, TRENT_ROOT_KEY_FILE or TRENT_ROOT_KEY):
 * AES-256-GCM with the key bytes, exactly the keyvault format of wrapKeyMaterial, so every
 * keyvault written before the root key became an interface still opens.
 */
export const softwareRootKey = (key: SecretBytes): RootKeyApi => ({
  wrap: (material, binding) => wrapKeyMaterial(key, material, binding),
  unwrap: (wrapped, binding) => unwrapKeyMaterial(key, wrapped, binding)
})
