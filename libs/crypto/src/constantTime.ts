/**
 * Compares two byte strings in time that depends only on their lengths.
 * Written out rather than taken from node:crypto so that the crypto library
 * stays platform-neutral (the platform is injected as WebCrypto).
 */
export const timingSafeEqual = (a: Uint8Array, b: Uint8Array): boolean => {
  let diff = a.length ^ b.length
  const n = Math.max(a.length, b.length)
  for (let i = 0; i < n; i++) {
    diff |= (a[i % (a.length || 1)] ?? 0) ^ (b[i % (b.length || 1)] ?? 0)
  }
  return diff === 0
}
