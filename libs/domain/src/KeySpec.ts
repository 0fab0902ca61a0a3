import { Schema } from "effect"

/** The API model's enums for key creation (aws-kms-api.md §4). */
export const KeySpecs = [
  "RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1",
  "SYMMETRIC_DEFAULT", "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512", "SM2", "ML_DSA_44", "ML_DSA_65",
  "ML_DSA_87", "ECC_NIST_EDWARDS25519"
] as const
export const KeySpec = Schema.Literals(KeySpecs)
export type KeySpec = typeof KeySpec.Type

export const KeyUsages = ["SIGN_VERIFY", "ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"] as const
export const KeyUsage = Schema.Literals(KeyUsages)
export type KeyUsage = typeof KeyUsage.Type

export const Origins = ["AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"] as const
export const Origin = Schema.Literals(Origins)
export type Origin = typeof Origin.Type

export const EncryptionAlgorithms = ["SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE"] as const
export const EncryptionAlgorithm = Schema.Literals(EncryptionAlgorithms)
export type EncryptionAlgorithm = typeof EncryptionAlgorithm.Type

export const DataKeySpecs = ["AES_256", "AES_128"] as const
export const DataKeySpec = Schema.Literals(DataKeySpecs)
export type DataKeySpec = typeof DataKeySpec.Type

export const RotationTypes = ["AUTOMATIC", "ON_DEMAND"] as const
export const RotationType = Schema.Literals(RotationTypes)
export type RotationType = typeof RotationType.Type

export const IncludeKeyMaterialValues = ["ALL_KEY_MATERIAL", "ROTATIONS_ONLY"] as const
export type IncludeKeyMaterial = (typeof IncludeKeyMaterialValues)[number]
