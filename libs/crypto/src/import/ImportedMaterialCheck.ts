import { Effect } from "effect"
import { asymmetricKeySpecs, type AsymmetricKeySpec } from "../asymmetric/AsymmetricKeySpec.ts"
import { publicKeyFromPrivateKey } from "../asymmetric/PublicKeyFromPrivateKey.ts"
import { InvalidKeyMaterial } from "../CryptoErrors.ts"
import { type HmacKeySpec, hmacKeySpecs, hmacParameters } from "../hmac/HmacKeySpec.ts"
import { KEY_MATERIAL_BYTES } from "../KeyMaterial.ts"
import type { KeySpec } from "../KeySpecRules.ts"
import { SecretBytes } from "../SecretBytes.ts"

/** The key specs that can hold imported material: symmetric, HMAC and asymmetric (https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html). */
export const importableKeySpecs = Object.freeze(["SYMMETRIC_DEFAULT", ...hmacKeySpecs, ...asymmetricKeySpecs] as const)
export type ImportableKeySpec = (typeof importableKeySpecs)[number]

/**
 * What imported material must be for each spec (https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html):
 * raw key bytes of a length in a range, or a PKCS#8 PrivateKeyInfo (DER) of
 * exactly the spec — algorithm, curve or modulus size.
 */
export type ImportedMaterialRule =
  | { readonly form: "raw"; readonly minBytes: number; readonly maxBytes: number }
  | { readonly form: "pkcs8"; readonly spec: AsymmetricKeySpec }

/** HMAC material may be from the hash's length up to its block size: one range, kept in hmacParameters. */
const hmac = (spec: HmacKeySpec): ImportedMaterialRule => ({
  form: "raw",
  minBytes: hmacParameters[spec].minKeyBytes,
  maxBytes: hmacParameters[spec].maxKeyBytes
})
const pkcs8 = (spec: AsymmetricKeySpec): ImportedMaterialRule => ({ form: "pkcs8", spec })

export const importedMaterialRules: { readonly [S in ImportableKeySpec]: ImportedMaterialRule } = Object.freeze({
  // AES-256 only: the 16-byte SM4 material of China Regions is not offered.
  SYMMETRIC_DEFAULT: { form: "raw", minBytes: KEY_MATERIAL_BYTES, maxBytes: KEY_MATERIAL_BYTES },
  HMAC_224: hmac("HMAC_224"),
  HMAC_256: hmac("HMAC_256"),
  HMAC_384: hmac("HMAC_384"),
  HMAC_512: hmac("HMAC_512"),
  RSA_2048: pkcs8("RSA_2048"),
  RSA_3072: pkcs8("RSA_3072"),
  RSA_4096: pkcs8("RSA_4096"),
  ECC_NIST_P256: pkcs8("ECC_NIST_P256"),
  ECC_NIST_P384: pkcs8("ECC_NIST_P384"),
  ECC_NIST_P521: pkcs8("ECC_NIST_P521"),
  ECC_SECG_P256K1: pkcs8("ECC_SECG_P256K1"),
  ECC_NIST_EDWARDS25519: pkcs8("ECC_NIST_EDWARDS25519"),
  ML_DSA_44: pkcs8("ML_DSA_44"),
  ML_DSA_65: pkcs8("ML_DSA_65"),
  ML_DSA_87: pkcs8("ML_DSA_87")
})

const isImportableKeySpec = (spec: KeySpec): spec is ImportableKeySpec => Object.hasOwn(importedMaterialRules, spec)

const lengthRule = (spec: ImportableKeySpec, minBytes: number, maxBytes: number): string =>
  minBytes === maxBytes ? `${spec} key material must be ${minBytes} bytes` : `${spec} key material must be ${minBytes} to ${maxBytes} bytes`

/**
 * Whether unwrapped material fits the key spec it is imported into, before
 * ImportKeyMaterial stores it: a length for SYMMETRIC_DEFAULT (32 bytes) and
 * HMAC (HMAC_224 28–64, HMAC_256 32–64, HMAC_384 48–128, HMAC_512 64–128);
 * for asymmetric specs a PKCS#8 that parses, is of exactly that spec, and
 * passes publicKeyFromPrivateKey's pairwise consistency test (ML-DSA keys
 * must carry their seed). The InvalidKeyMaterial message names the rule that
 * failed and at most the material's length, never its bytes. A spec that
 * takes no imported material here (SM2, China Regions only) takes none.
 */
export const checkImportedMaterial = (
  keySpec: KeySpec,
  material: Uint8Array
): Effect.Effect<void, InvalidKeyMaterial> =>
  Effect.suspend(() => {
    if (!isImportableKeySpec(keySpec)) return Effect.fail(new InvalidKeyMaterial({ message: `${keySpec} key material cannot be imported` }))
    const rule = importedMaterialRules[keySpec]
    if (rule.form === "pkcs8") {
      // A private copy, zeroed once checked: the caller keeps ownership of `material`.
      const copy = SecretBytes.copy(material)
      return publicKeyFromPrivateKey(rule.spec, copy).pipe(Effect.asVoid, Effect.ensuring(Effect.sync(() => copy.destroy())))
    }
    return material.length >= rule.minBytes && material.length <= rule.maxBytes
      ? Effect.void
      : Effect.fail(
        new InvalidKeyMaterial({ message: `${lengthRule(keySpec, rule.minBytes, rule.maxBytes)}, got ${material.length}` })
      )
  })
