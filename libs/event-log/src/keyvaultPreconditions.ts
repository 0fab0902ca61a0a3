import { needs } from "./InvalidEventLogInput.ts"

/** Preconditions shared by both Keyvault adapters; each throws InvalidEventLogInput. */
export const needsKeyId = (keyId: string): void => {
  needs(typeof keyId === "string" && keyId.length > 0, "keyId must be a non-empty string")
}

export const needsWrappedKek = (wrappedKek: Uint8Array): void => {
  needs(wrappedKek instanceof Uint8Array && wrappedKek.length > 0, "wrappedKek must be a non-empty Uint8Array")
}
