import { randomBytes } from "node:crypto"
import { Redacted } from "effect"

const base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

/**
 * A new long-term access key id: "AKIA" and 16 characters of base32, the shape
 * of AWS's user keys. Each byte from the CSPRNG picks one of 32 characters
 * (256 is a multiple of 32, so no bias).
 */
export const generateAccessKeyId = (): string => {
  let id = "AKIA"
  for (const byte of randomBytes(16)) id += base32[byte & 31]
  return id
}

/** A new secret access key: 40 base64 characters (240 bits from the CSPRNG), the length and alphabet of AWS's. */
export const generateSecretAccessKey = (): Redacted.Redacted<string> => {
  const bytes = randomBytes(30)
  const secret = bytes.toString("base64")
  bytes.fill(0)
  return Redacted.make(secret)
}
