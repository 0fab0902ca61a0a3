import {
  AesGcmKey,
  AsymmetricPrivateKey,
  generateAsymmetricKeyPair,
  generateHmacKeyMaterial,
  generateKeyMaterial,
  HmacKey,
  type SecretBytes,
  type WebCrypto
} from "@trent/crypto"
import { type KeySpec, keyKindOf } from "@trent/domain"
import { Effect } from "effect"

/**
 * One backing key version in memory, ready to use: imported once from its
 * unwrapped bytes, which are zeroed right after. The kind follows the key spec
 * (aws-kms-api.md §5.1): AES-256-GCM for SYMMETRIC_DEFAULT, a private key for
 * RSA / ECC / Ed25519 / ML-DSA, an HMAC key for HMAC_*.
 */
export type ResidentMaterial =
  | { readonly kind: "SYMMETRIC"; readonly key: AesGcmKey }
  | { readonly kind: "ASYMMETRIC"; readonly key: AsymmetricPrivateKey }
  | { readonly kind: "HMAC"; readonly key: HmacKey }

type AsymmetricSpec = Parameters<typeof generateAsymmetricKeyPair>[0]
type HmacSpec = Parameters<typeof generateHmacKeyMaterial>[0]

/** Fresh material of the spec, as bytes to wrap for the log (PKCS#8 DER for a private key). */
export const generateMaterialBytes = (spec: KeySpec): Effect.Effect<SecretBytes, unknown, WebCrypto> => {
  switch (keyKindOf(spec)) {
    case "SYMMETRIC":
      return generateKeyMaterial
    case "HMAC":
      return generateHmacKeyMaterial(spec as HmacSpec)
    case "ASYMMETRIC":
      return Effect.map(generateAsymmetricKeyPair(spec as AsymmetricSpec), (pair) => pair.privateKey)
  }
}

/** Imports unwrapped material of the spec; the caller zeroes the bytes. */
export const importMaterial = (spec: KeySpec, bytes: SecretBytes): Effect.Effect<ResidentMaterial, unknown, WebCrypto> => {
  switch (keyKindOf(spec)) {
    case "SYMMETRIC":
      return Effect.map(AesGcmKey.import(bytes), (key) => ({ kind: "SYMMETRIC", key }) as const)
    case "HMAC":
      return Effect.map(HmacKey.fromBytes(spec as HmacSpec, bytes), (key) => ({ kind: "HMAC", key }) as const)
    case "ASYMMETRIC":
      return Effect.map(
        AsymmetricPrivateKey.fromPkcs8(spec as AsymmetricSpec, bytes),
        (key) => ({ kind: "ASYMMETRIC", key }) as const
      )
  }
}
