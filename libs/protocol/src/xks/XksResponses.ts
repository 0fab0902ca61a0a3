import { encodeBase64 } from "../StrictBase64.ts"

/** GetHealthStatus's answer (XKS spec, "GetHealthStatus", Response Payload Parameters). */
export interface XksHealth {
  readonly xksProxyFleetSize: number
  readonly xksProxyVendor: string
  readonly xksProxyModel: string
  readonly ekmVendor: string
  readonly ekmFleetDetails: ReadonlyArray<{ readonly id: string; readonly model: string; readonly healthStatus: "ACTIVE" | "DEGRADED" | "UNAVAILABLE" }>
}

export interface XksEncryptOutput {
  readonly ciphertext: Uint8Array
  readonly ciphertextMetadata: Uint8Array | undefined
  readonly initializationVector: Uint8Array
  readonly authenticationTag: Uint8Array
  readonly ciphertextDataIntegrityValue: Uint8Array | undefined
}

export const encodeXksEncryptResponse = (output: XksEncryptOutput): string =>
  JSON.stringify({
    ciphertext: encodeBase64(output.ciphertext),
    ...(output.ciphertextMetadata === undefined ? {} : { ciphertextMetadata: encodeBase64(output.ciphertextMetadata) }),
    initializationVector: encodeBase64(output.initializationVector),
    authenticationTag: encodeBase64(output.authenticationTag),
    ...(output.ciphertextDataIntegrityValue === undefined ? {} : { ciphertextDataIntegrityValue: encodeBase64(output.ciphertextDataIntegrityValue) })
  })

export const encodeXksDecryptResponse = (plaintext: Uint8Array): string => JSON.stringify({ plaintext: encodeBase64(plaintext) })

export const encodeXksMetadataResponse = (metadata: { readonly keySpec: string; readonly keyUsage: ReadonlyArray<string>; readonly keyStatus: string }): string =>
  JSON.stringify({ keySpec: metadata.keySpec, keyUsage: metadata.keyUsage, keyStatus: metadata.keyStatus })

export const encodeXksHealthResponse = (health: XksHealth): string => JSON.stringify(health)

/**
 * The bytes the Ciphertext Data Integrity Value hashes (XKS spec, Appendix C):
 * "additionalAuthenticatedData || ciphertextMetadata || initializationVector ||
 * ciphertext || authenticationTag", an absent field being the empty string.
 */
export const cdivInput = (aad: Uint8Array | undefined, output: Omit<XksEncryptOutput, "ciphertextDataIntegrityValue">): Uint8Array => {
  const parts = [aad ?? new Uint8Array(), output.ciphertextMetadata ?? new Uint8Array(), output.initializationVector, output.ciphertext, output.authenticationTag]
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}
