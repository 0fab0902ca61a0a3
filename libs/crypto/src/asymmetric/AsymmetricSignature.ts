import type { KeyObject } from "node:crypto"
import { ecdsaSign, ecdsaVerify } from "./EcdsaSignature.ts"
import { ed25519Sign, ed25519Verify } from "./Ed25519Signature.ts"
import { mlDsaSign, mlDsaVerify } from "./MlDsaSignature.ts"
import { rsaSign, rsaVerify } from "./RsaSignature.ts"
import { type MessageType, type SigningAlgorithm, signingAlgorithmParameters } from "./SigningAlgorithm.ts"

/**
 * Routes a checked Sign or Verify request to its scheme's primitive. Inputs
 * have passed `signingInputViolation` first: the algorithm fits the key, the
 * message type the algorithm, a digest has its length.
 */
export interface SignatureRequest {
  readonly algorithm: SigningAlgorithm
  readonly messageType: MessageType
  readonly message: Uint8Array
}

/**
 * A private key as the primitives take it: the OpenSSL KeyObject, and the raw
 * secret the @noble paths need (EC scalar, Ed25519 seed, ML-DSA expanded
 * secret key), computed on first use.
 */
export interface SigningKeyHandle {
  readonly privateKey: KeyObject
  readonly nobleSecret: () => Uint8Array
}

/** A public key likewise: the KeyObject, and the raw public key (EC point, Ed25519 or ML-DSA pk) on first use. */
export interface VerifyingKeyHandle {
  readonly publicKey: KeyObject
  readonly noblePublic: () => Uint8Array
}

const unreachable = (algorithm: SigningAlgorithm): never => {
  throw new Error(`no primitive for ${algorithm}: the spec table admits no key for it`)
}

export const signMessage = (key: SigningKeyHandle, request: SignatureRequest): Uint8Array => {
  const parameters = signingAlgorithmParameters[request.algorithm]
  const { messageType, message } = request
  switch (parameters.scheme) {
    case "rsassa-pss":
    case "rsassa-pkcs1-v1_5":
      return rsaSign(key.privateKey, { scheme: parameters.scheme, hash: parameters.hash, messageType, message })
    case "ecdsa":
      return ecdsaSign(key.privateKey, key.nobleSecret, { hash: parameters.hash, messageType, message })
    case "ed25519":
    case "ed25519ph":
      return ed25519Sign(key.privateKey, key.nobleSecret, parameters.scheme === "ed25519ph", message)
    case "ml-dsa":
      return mlDsaSign(key.privateKey, key.nobleSecret, messageType === "EXTERNAL_MU", message)
    case "sm2dsa":
      return unreachable(request.algorithm)
  }
}

export const verifyMessage = (key: VerifyingKeyHandle, request: SignatureRequest, signature: Uint8Array): boolean => {
  const parameters = signingAlgorithmParameters[request.algorithm]
  const { messageType, message } = request
  switch (parameters.scheme) {
    case "rsassa-pss":
    case "rsassa-pkcs1-v1_5":
      return rsaVerify(key.publicKey, { scheme: parameters.scheme, hash: parameters.hash, messageType, message }, signature)
    case "ecdsa":
      return ecdsaVerify(key.publicKey, key.noblePublic, { hash: parameters.hash, messageType, message }, signature)
    case "ed25519":
    case "ed25519ph":
      return ed25519Verify(key.publicKey, key.noblePublic, parameters.scheme === "ed25519ph", message, signature)
    case "ml-dsa":
      return mlDsaVerify(key.publicKey, key.noblePublic, messageType === "EXTERNAL_MU", message, signature)
    case "sm2dsa":
      return false
  }
}
