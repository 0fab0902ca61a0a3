import { createPublicKey, type KeyObject } from "node:crypto"
import type { AsymmetricKeyParameters } from "./AsymmetricKeySpec.ts"
import type { SigningKeyHandle, VerifyingKeyHandle } from "./AsymmetricSignature.ts"
import { mlDsaExpandedSecret } from "./MlDsaSignature.ts"
import {
  ecPrivateScalar,
  ecPublicPoint,
  ed25519PublicBytes,
  ed25519Seed,
  mlDsaPublicBytes,
  mlDsaSeed
} from "./NobleKeyBytes.ts"

/** `compute` once, on first call; the result is kept for the handle's life. */
const lazy = <A>(compute: () => A): () => A => {
  let value: A | undefined
  return () => (value ??= compute())
}

const noRawKey = (): never => {
  throw new Error("RSA keys have no @noble path")
}

/** The raw secret of a parsed private key for its @noble path (see SigningKeyHandle). */
const nobleSecretOf = (parameters: AsymmetricKeyParameters, key: KeyObject): () => Uint8Array => {
  switch (parameters.family) {
    case "rsa":
      return noRawKey
    case "ec":
      return lazy(() => ecPrivateScalar(key))
    case "ed25519":
      return lazy(() => ed25519Seed(key))
    case "ml-dsa":
      return lazy(() => {
        const seed = mlDsaSeed(key)
        if (seed === undefined) throw new Error("ML-DSA key without its seed (refused when parsed)")
        return mlDsaExpandedSecret(parameters.variant, seed)
      })
  }
}

const noblePublicOf = (parameters: AsymmetricKeyParameters, key: KeyObject): () => Uint8Array => {
  switch (parameters.family) {
    case "rsa":
      return noRawKey
    case "ec":
      return lazy(() => ecPublicPoint(key))
    case "ed25519":
      return lazy(() => ed25519PublicBytes(key))
    case "ml-dsa":
      return lazy(() => mlDsaPublicBytes(key))
  }
}

export const signingKeyHandle = (parameters: AsymmetricKeyParameters, privateKey: KeyObject): SigningKeyHandle => ({
  privateKey,
  nobleSecret: nobleSecretOf(parameters, privateKey)
})

export const verifyingKeyHandle = (parameters: AsymmetricKeyParameters, key: KeyObject): VerifyingKeyHandle => {
  const publicKey = key.type === "private" ? createPublicKey(key) : key
  return { publicKey, noblePublic: noblePublicOf(parameters, publicKey) }
}
