import type { KeyObject } from "node:crypto"

/**
 * Raw key bytes for the @noble primitives, read out of an OpenSSL KeyObject
 * through node:crypto's JWK and raw exports (RFC 7518 §6.2, RFC 8037 §2). Only
 * the DIGEST and EXTERNAL_MU paths need them; each caller reads them once per
 * resident key and keeps them as privately as the KeyObject itself.
 */

const base64url = (text: string | undefined): Uint8Array => Uint8Array.from(Buffer.from(text ?? "", "base64url"))

/** An EC private scalar, big-endian, as long as the curve's coordinates (RFC 7518 §6.2.2.1). */
export const ecPrivateScalar = (key: KeyObject): Uint8Array => base64url(key.export({ format: "jwk" }).d)

/** An EC public point, SEC 1 uncompressed: 0x04 ‖ x ‖ y (RFC 7518 §6.2.1). */
export const ecPublicPoint = (key: KeyObject): Uint8Array => {
  const jwk = key.export({ format: "jwk" })
  const x = base64url(jwk.x)
  const y = base64url(jwk.y)
  const point = new Uint8Array(1 + x.length + y.length)
  point[0] = 0x04
  point.set(x, 1)
  point.set(y, 1 + x.length)
  return point
}

/** The 32-byte Ed25519 private key (the seed that RFC 8032 §5.1.5 hashes). */
export const ed25519Seed = (key: KeyObject): Uint8Array => base64url(key.export({ format: "jwk" }).d)

/** The 32-byte Ed25519 public key (RFC 8032 §5.1.5). */
export const ed25519PublicBytes = (key: KeyObject): Uint8Array => base64url(key.export({ format: "jwk" }).x)

/** The 32-byte ML-DSA seed ξ (FIPS 204 Algorithm 1), or undefined for a key imported without it. */
export const mlDsaSeed = (key: KeyObject): Uint8Array | undefined => {
  try {
    return new Uint8Array(key.export({ format: "raw-seed" }))
  } catch {
    return undefined
  }
}

/** The encoded ML-DSA public key pk (FIPS 204 Algorithm 22). */
export const mlDsaPublicBytes = (key: KeyObject): Uint8Array => new Uint8Array(key.export({ format: "raw-public" }))
