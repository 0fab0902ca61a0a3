/**
 * The asymmetric key specs of AWS KMS that Trent implements, as the AWS enum
 * strings (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html, KeySpec). SM2 is left out: AWS offers it
 * only in China Regions. Defined here rather than taken from @trent/domain,
 * which depends on this library and not the other way round.
 */
export const asymmetricKeySpecs = Object.freeze(
  [
    "RSA_2048",
    "RSA_3072",
    "RSA_4096",
    "ECC_NIST_P256",
    "ECC_NIST_P384",
    "ECC_NIST_P521",
    "ECC_SECG_P256K1",
    "ECC_NIST_EDWARDS25519",
    "ML_DSA_44",
    "ML_DSA_65",
    "ML_DSA_87"
  ] as const
)
export type AsymmetricKeySpec = (typeof asymmetricKeySpecs)[number]

/** GenerateDataKeyPair's KeyPairSpec (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html, DataKeyPairSpec); SM2 is refused as unsupported. */
export const dataKeyPairSpecs = Object.freeze(
  [
    "RSA_2048",
    "RSA_3072",
    "RSA_4096",
    "ECC_NIST_P256",
    "ECC_NIST_P384",
    "ECC_NIST_P521",
    "ECC_SECG_P256K1",
    "SM2",
    "ECC_NIST_EDWARDS25519"
  ] as const
)
export type DataKeyPairSpec = (typeof dataKeyPairSpecs)[number]

/** OpenSSL's names of the curves, as node:crypto takes and reports them. */
export type EcCurve = "prime256v1" | "secp384r1" | "secp521r1" | "secp256k1"
export type MlDsaVariant = "ml-dsa-44" | "ml-dsa-65" | "ml-dsa-87"

/**
 * What a spec is, without key bytes (Tink's "parameters"): the family and the
 * one size or curve that a key of the spec must have. Parsing a key checks it
 * against these, so a PKCS#8 of another curve or modulus is never accepted
 * under a spec it does not match.
 */
export type AsymmetricKeyParameters =
  | { readonly family: "rsa"; readonly modulusBits: 2048 | 3072 | 4096 }
  | { readonly family: "ec"; readonly curve: EcCurve; readonly coordinateBytes: 32 | 48 | 66 }
  | { readonly family: "ed25519" }
  | { readonly family: "ml-dsa"; readonly variant: MlDsaVariant; readonly signatureBytes: 2420 | 3309 | 4627 }

export const asymmetricKeyParameters: { readonly [S in AsymmetricKeySpec]: AsymmetricKeyParameters } = Object.freeze({
  RSA_2048: { family: "rsa", modulusBits: 2048 },
  RSA_3072: { family: "rsa", modulusBits: 3072 },
  RSA_4096: { family: "rsa", modulusBits: 4096 },
  ECC_NIST_P256: { family: "ec", curve: "prime256v1", coordinateBytes: 32 },
  ECC_NIST_P384: { family: "ec", curve: "secp384r1", coordinateBytes: 48 },
  ECC_NIST_P521: { family: "ec", curve: "secp521r1", coordinateBytes: 66 },
  ECC_SECG_P256K1: { family: "ec", curve: "secp256k1", coordinateBytes: 32 },
  ECC_NIST_EDWARDS25519: { family: "ed25519" },
  // FIPS 204 Table 2: signature sizes 2420, 3309 and 4627 bytes (https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html).
  ML_DSA_44: { family: "ml-dsa", variant: "ml-dsa-44", signatureBytes: 2420 },
  ML_DSA_65: { family: "ml-dsa", variant: "ml-dsa-65", signatureBytes: 3309 },
  ML_DSA_87: { family: "ml-dsa", variant: "ml-dsa-87", signatureBytes: 4627 }
})

/** The key agreement algorithms (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html, KeyAgreementAlgorithmSpec). */
export type KeyAgreementAlgorithm = "ECDH"
