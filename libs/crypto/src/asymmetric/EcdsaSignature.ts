import { p256, p384, p521 } from "@noble/curves/nist.js"
import { secp256k1 } from "@noble/curves/secp256k1.js"
import { type KeyObject, sign, verify } from "node:crypto"
import type { EcCurve } from "./AsymmetricKeySpec.ts"
import type { HashName, MessageType } from "./SigningAlgorithm.ts"

/**
 * ECDSA with DER-encoded signatures (ANSI X9.62 / RFC 3279 §2.2.3), as AWS KMS
 * returns them (https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html).
 *
 * Two backends, one per message type, because neither does both well:
 * - RAW → node:crypto (OpenSSL): hashes and signs in one call, ~20× faster
 *   than JavaScript on P-256, and its verifier accepts strict DER only.
 * - DIGEST → @noble/curves with `prehash: false`: OpenSSL's one-shot API
 *   always hashes, so it cannot sign or verify a digest it is handed. Signing
 *   is RFC 6979 with extra entropy (hedged), verification strict DER as well.
 * Neither normalises s to the low half (AWS does not), and both verifiers
 * accept either half. The Wycheproof suites run through both paths.
 */
export interface EcdsaSignatureInput {
  readonly hash: HashName
  readonly messageType: MessageType
  readonly message: Uint8Array
}

const nobleCurves = Object.freeze({ prime256v1: p256, secp384r1: p384, secp521r1: p521, secp256k1 })

const curveOf = (key: KeyObject): EcCurve => key.asymmetricKeyDetails!.namedCurve as EcCurve

/** Signs; `scalar` (the private d, big-endian) is read lazily, for a DIGEST only. */
export const ecdsaSign = (key: KeyObject, scalar: () => Uint8Array, input: EcdsaSignatureInput): Uint8Array => {
  if (input.messageType === "RAW") {
    return new Uint8Array(sign(input.hash, input.message, { key, dsaEncoding: "der" }))
  }
  return nobleCurves[curveOf(key)].sign(input.message, scalar(), {
    prehash: false,
    lowS: false,
    extraEntropy: true,
    format: "der"
  })
}

/**
 * False for any signature that is not valid, malformed ones included; never
 * throws. `point` (the uncompressed public point) is read lazily, for a DIGEST only.
 */
export const ecdsaVerify = (
  key: KeyObject,
  point: () => Uint8Array,
  input: EcdsaSignatureInput,
  signature: Uint8Array
): boolean => {
  try {
    if (input.messageType === "RAW") {
      return verify(input.hash, input.message, { key, dsaEncoding: "der" }, signature)
    }
    return nobleCurves[curveOf(key)].verify(signature, input.message, point(), {
      prehash: false,
      lowS: false,
      format: "der"
    })
  } catch {
    return false
  }
}
