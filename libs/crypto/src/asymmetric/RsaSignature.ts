import { constants, type KeyObject, privateEncrypt, publicDecrypt, randomBytes, sign, verify } from "node:crypto"
import { timingSafeEqual } from "../constantTime.ts"
import { emsaPkcs1v15Encode } from "./EmsaPkcs1v15.ts"
import { emsaPssEncode, emsaPssVerify } from "./EmsaPss.ts"
import type { HashName, MessageType } from "./SigningAlgorithm.ts"

/**
 * RSASSA-PSS and RSASSA-PKCS1-v1_5 (RFC 8017 §8), all on node:crypto (OpenSSL).
 * A RAW message goes to OpenSSL's sign/verify, which hash it. A DIGEST cannot
 * (OpenSSL's one-shot API always hashes), so it is encoded here — EMSA-PSS or
 * EMSA-PKCS1-v1_5 — and put through the raw RSA operation: privateEncrypt with
 * RSA_NO_PADDING (OpenSSL's blinded CRT private operation, which checks its
 * result against the public exponent) and publicDecrypt to verify. Both paths
 * make the same signatures: PSS with salt = hash length and MGF1 on the same
 * hash, PKCS#1 v1.5 with the DER DigestInfo (https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html).
 */
export interface RsaSignatureInput {
  readonly scheme: "rsassa-pss" | "rsassa-pkcs1-v1_5"
  readonly hash: HashName
  readonly messageType: MessageType
  readonly message: Uint8Array
}

const modulusBitsOf = (key: KeyObject): number => key.asymmetricKeyDetails!.modulusLength!

const paddingOf = (scheme: RsaSignatureInput["scheme"]) =>
  scheme === "rsassa-pss"
    ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
    : { padding: constants.RSA_PKCS1_PADDING }

const hashBytes: { readonly [H in HashName]: number } = Object.freeze({ sha256: 32, sha384: 48, sha512: 64 })

/** The encoded block for a digest, left-padded to the modulus length k (EM has emLen ≤ k bytes). */
const encodedBlock = (key: KeyObject, input: RsaSignatureInput): Uint8Array => {
  const modulusBits = modulusBitsOf(key)
  const k = Math.ceil(modulusBits / 8)
  if (input.scheme === "rsassa-pkcs1-v1_5") return emsaPkcs1v15Encode(input.hash, input.message, k)
  const em = emsaPssEncode(input.hash, input.message, new Uint8Array(randomBytes(hashBytes[input.hash])), modulusBits - 1)
  const block = new Uint8Array(k)
  block.set(em, k - em.length)
  return block
}

export const rsaSign = (key: KeyObject, input: RsaSignatureInput): Uint8Array => {
  if (input.messageType === "RAW") {
    return new Uint8Array(sign(input.hash, input.message, { key, ...paddingOf(input.scheme) }))
  }
  return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, encodedBlock(key, input)))
}

/** The raw RSA public operation s^e mod n, or undefined when s is not below n (RFC 8017 §5.2.2 step 1). */
const rsaVerifyPrimitive = (key: KeyObject, signature: Uint8Array): Uint8Array | undefined => {
  try {
    return new Uint8Array(publicDecrypt({ key, padding: constants.RSA_NO_PADDING }, signature))
  } catch {
    return undefined
  }
}

const verifyDigest = (key: KeyObject, input: RsaSignatureInput, signature: Uint8Array): boolean => {
  const modulusBits = modulusBitsOf(key)
  const k = Math.ceil(modulusBits / 8)
  if (signature.length !== k) return false // RFC 8017 §8.1.2 and §8.2.2, step 1
  const block = rsaVerifyPrimitive(key, signature)
  if (block === undefined || block.length !== k) return false
  if (input.scheme === "rsassa-pkcs1-v1_5") {
    return timingSafeEqual(block, emsaPkcs1v15Encode(input.hash, input.message, k))
  }
  const emLen = Math.ceil((modulusBits - 1) / 8)
  if (k > emLen && block[0] !== 0) return false
  return emsaPssVerify(input.hash, input.message, block.subarray(k - emLen), modulusBits - 1)
}

/** False for any signature that is not valid, malformed ones included; never throws. */
export const rsaVerify = (key: KeyObject, input: RsaSignatureInput, signature: Uint8Array): boolean => {
  if (input.messageType !== "RAW") return verifyDigest(key, input, signature)
  // OpenSSL checks the length itself, but a signature longer than the modulus is refused here
  // first so every malformed input takes the same path.
  if (signature.length !== Math.ceil(modulusBitsOf(key) / 8)) return false
  try {
    return verify(input.hash, input.message, { key, ...paddingOf(input.scheme) }, signature)
  } catch {
    return false
  }
}

