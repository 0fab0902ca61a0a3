import { createHash, createHmac, createSecretKey, type KeyObject } from "node:crypto"
import { Redacted } from "effect"

/**
 * The SigV4 primitives after the canonical request (IAM User Guide,
 * create-signed-request.html, steps 2–5): string to sign, signing key, signature.
 */

export const ALGORITHM = "AWS4-HMAC-SHA256"
export const TERMINATOR = "aws4_request"

export const sha256Hex = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex")

/** `yyyymmdd/region/service/aws4_request`. */
export const credentialScope = (date: string, region: string, service: string): string =>
  `${date}/${region}/${service}/${TERMINATOR}`

export const stringToSign = (amzDate: string, scope: string, canonicalRequest: string): string =>
  `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`

const hmac = (key: Uint8Array, data: string): Buffer => createHmac("sha256", key).update(data).digest()

/**
 * kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
 *
 * The result is a node KeyObject rather than SecretBytes: an HMAC keyed with
 * raw bytes imports the key into OpenSSL on every call, which made it five
 * times slower than the rest of a verification together; a KeyObject is
 * imported once. Like SecretBytes it never prints its bytes (`export()` is the
 * explicit accessor). The intermediate keys are zeroed.
 */
export const deriveSigningKey = (
  secretAccessKey: Redacted.Redacted<string>,
  date: string,
  region: string,
  service: string
): KeyObject => {
  const kSecret = Buffer.from(`AWS4${Redacted.value(secretAccessKey)}`, "utf8")
  const kDate = hmac(kSecret, date)
  const kRegion = hmac(kDate, region)
  const kService = hmac(kRegion, service)
  const kSigning = hmac(kService, TERMINATOR)
  try {
    return createSecretKey(kSigning)
  } finally {
    for (const intermediate of [kSecret, kDate, kRegion, kService, kSigning]) intermediate.fill(0)
  }
}

/** The signature: HMAC-SHA256(kSigning, string to sign), raw bytes. */
export const signatureBytes = (signingKey: KeyObject, toSign: string): Buffer =>
  createHmac("sha256", signingKey).update(toSign).digest()
