/**
 * The one AES-GCM parameter set Trent uses: AES-256, a 96-bit IV and a 128-bit
 * tag (NIST SP 800-38D §5.2.1.1 recommends 96-bit IVs; shorter tags weaken
 * authentication, longer IVs are hashed with GHASH and invite implementation
 * bugs). Everything else is rejected by the core, never silently accepted.
 */
export interface AesGcmParameters {
  readonly keyBytes: number
  readonly ivBytes: number
  readonly tagBytes: number
}

export const AES_256_GCM: AesGcmParameters = Object.freeze({ keyBytes: 32, ivBytes: 12, tagBytes: 16 })
