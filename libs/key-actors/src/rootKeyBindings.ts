import type { WrapBinding } from "@trent/crypto"

/**
 * The keyvault entries wrapped under a Region's root key, and the binding each
 * is wrapped with: the per-key KEKs, the root key's canary and the audit
 * signing key. Each binding has its own "version" and algorithm, so no entry
 * can pass for another. (Import parameters are wrapped under their key's KEK,
 * not the root key.)
 */
export const ROOT_KEY_CANARY_ID = "trent:root-key-check"
export const AUDIT_SIGNING_KEY_ID = "trent:audit-signing-key"
const IMPORT_PARAMETERS_PREFIX = "import-parameters:"

export const importParametersEntryId = (keyId: string, suffix: string | number): string => `${IMPORT_PARAMETERS_PREFIX}${keyId}:${suffix}`

export const kekBinding = (region: string, keyId: string): WrapBinding => ({ region, keyId, versionId: "kek", algorithm: "AES_256_GCM_KEK" })

export const canaryBinding = (region: string): WrapBinding =>
  ({ region, keyId: ROOT_KEY_CANARY_ID, versionId: "canary", algorithm: "AES_256_GCM_KEK" })

export const auditSigningKeyBinding = (region: string): WrapBinding =>
  ({ region, keyId: AUDIT_SIGNING_KEY_ID, versionId: "audit-1", algorithm: "ED25519_AUDIT" })

/** The binding of a keyvault entry wrapped under the root key, or undefined for one that is not (import parameters). */
export const rootKeyBindingOf = (region: string, entryId: string): WrapBinding | undefined => {
  if (entryId === ROOT_KEY_CANARY_ID) return canaryBinding(region)
  if (entryId === AUDIT_SIGNING_KEY_ID) return auditSigningKeyBinding(region)
  if (entryId.startsWith(IMPORT_PARAMETERS_PREFIX)) return undefined
  return kekBinding(region, entryId)
}
