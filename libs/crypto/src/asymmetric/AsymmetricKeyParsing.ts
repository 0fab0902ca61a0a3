import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto"
import { InvalidKeyMaterial, InvalidPublicKey } from "../CryptoErrors.ts"
import { type AsymmetricKeyParameters, asymmetricKeyParameters, type AsymmetricKeySpec } from "./AsymmetricKeySpec.ts"
import { mlDsaSeed } from "./NobleKeyBytes.ts"

/**
 * DER key parsing through node:crypto (OpenSSL), checked against the spec's
 * parameters. OpenSSL's decoders validate the structure and, for EC keys, that
 * the point is on the named curve; this module adds that the key is the one
 * spec named: algorithm, curve or modulus size. Reasons name the rule that
 * failed, never a byte of the key.
 */

const describe = (key: KeyObject): string => {
  const type = key.asymmetricKeyType ?? "unknown"
  const details = key.asymmetricKeyDetails ?? {}
  if (type === "rsa") return `an RSA key of ${details.modulusLength ?? "unknown"} bits`
  if (type === "ec") return `an EC key on ${details.namedCurve ?? "an unnamed curve"}`
  return `a ${type} key`
}

const expected = (parameters: AsymmetricKeyParameters): string => {
  switch (parameters.family) {
    case "rsa":
      return `an RSA key of ${parameters.modulusBits} bits`
    case "ec":
      return `an EC key on ${parameters.curve}`
    case "ed25519":
      return "an ed25519 key"
    case "ml-dsa":
      return `a ${parameters.variant} key`
  }
}

const fits = (key: KeyObject, parameters: AsymmetricKeyParameters): boolean => {
  const details = key.asymmetricKeyDetails ?? {}
  switch (parameters.family) {
    case "rsa":
      // "rsa-pss" keys (id-RSASSA-PSS) are refused: AWS keys are rsaEncryption keys used for both paddings.
      return key.asymmetricKeyType === "rsa" && details.modulusLength === parameters.modulusBits
    case "ec":
      return key.asymmetricKeyType === "ec" && details.namedCurve === parameters.curve
    case "ed25519":
      return key.asymmetricKeyType === "ed25519"
    case "ml-dsa":
      return key.asymmetricKeyType === parameters.variant
  }
}

/** Why `key` is not a key of `spec`, or undefined when it is. */
export const specMismatch = (spec: AsymmetricKeySpec, key: KeyObject): string | undefined => {
  const parameters = asymmetricKeyParameters[spec]
  return fits(key, parameters) ? undefined : `key spec ${spec} needs ${expected(parameters)}, got ${describe(key)}`
}

/** A PKCS#8 PrivateKeyInfo (DER) of `spec`, or the reason it is not one. */
export const parsePrivateKey = (spec: AsymmetricKeySpec, pkcs8: Uint8Array): KeyObject | InvalidKeyMaterial => {
  let key: KeyObject
  try {
    key = createPrivateKey({ key: Buffer.from(pkcs8.buffer, pkcs8.byteOffset, pkcs8.length), format: "der", type: "pkcs8" })
  } catch {
    return new InvalidKeyMaterial({ message: `private key for ${spec} is not a DER PKCS#8 PrivateKeyInfo that parses` })
  }
  const mismatch = specMismatch(spec, key)
  if (mismatch !== undefined) return new InvalidKeyMaterial({ message: mismatch })
  // EXTERNAL_MU signing expands the key from its seed ξ (FIPS 204 Algorithm 1); a PKCS#8 holding
  // only the expanded key (RFC 9881's expandedKey form) could sign RAW messages but not μ.
  if (asymmetricKeyParameters[spec].family === "ml-dsa" && mlDsaSeed(key) === undefined) {
    return new InvalidKeyMaterial({ message: `private key for ${spec} must carry its 32-byte seed` })
  }
  return key
}

/** An X.509 SubjectPublicKeyInfo (DER) of `spec`, or the reason it is not one. */
export const parsePublicKey = (spec: AsymmetricKeySpec, spki: Uint8Array): KeyObject | InvalidPublicKey => {
  let key: KeyObject
  try {
    key = createPublicKey({ key: Buffer.from(spki.buffer, spki.byteOffset, spki.length), format: "der", type: "spki" })
  } catch {
    return new InvalidPublicKey({ message: `public key for ${spec} is not a DER SubjectPublicKeyInfo that parses` })
  }
  const mismatch = specMismatch(spec, key)
  return mismatch === undefined ? key : new InvalidPublicKey({ message: mismatch })
}

/** The public half of a parsed private key as SubjectPublicKeyInfo DER, in a plain Uint8Array. */
export const spkiOf = (key: KeyObject): Uint8Array =>
  new Uint8Array(createPublicKey(key).export({ format: "der", type: "spki" }))
