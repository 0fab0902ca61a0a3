import {
  AesGcmKey,
  AsymmetricPrivateKey,
  generateAsymmetricKeyPair,
  generateHmacKeyMaterial,
  generateKeyMaterial,
  HmacKey,
  isAsymmetricKeySpec,
  isHmacKeySpec,
  type SecretBytes,
  UnsupportedKeySpec,
  type WebCrypto
} from "@trent/crypto"
import type { KeySpec } from "@trent/domain"
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

/** Fresh material of the spec, as bytes to wrap for the log (PKCS#8 DER for a private key). */
export const generateMaterialBytes = (spec: KeySpec): Effect.Effect<SecretBytes, unknown, WebCrypto> => {
  if (spec === "SYMMETRIC_DEFAULT") return generateKeyMaterial
  if (isHmacKeySpec(spec)) return generateHmacKeyMaterial(spec)
  if (isAsymmetricKeySpec(spec)) return Effect.map(generateAsymmetricKeyPair(spec), (pair) => pair.privateKey)
  // SM2: CreateKey refuses it (China Regions only), so no key of it has material.
  return Effect.fail(UnsupportedKeySpec.of(spec))
}

/** Imports unwrapped material of the spec; the caller zeroes the bytes. */
export const importMaterial = (spec: KeySpec, bytes: SecretBytes): Effect.Effect<ResidentMaterial, unknown, WebCrypto> => {
  if (spec === "SYMMETRIC_DEFAULT") return Effect.map(AesGcmKey.import(bytes), (key) => ({ kind: "SYMMETRIC", key }) as const)
  if (isHmacKeySpec(spec)) return Effect.map(HmacKey.fromBytes(spec, bytes), (key) => ({ kind: "HMAC", key }) as const)
  if (isAsymmetricKeySpec(spec)) {
    return Effect.map(AsymmetricPrivateKey.fromPkcs8(spec, bytes), (key) => ({ kind: "ASYMMETRIC", key }) as const)
  }
  return Effect.fail(UnsupportedKeySpec.of(spec))
}
