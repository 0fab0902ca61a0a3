import {
  dataKeyPairSpecs,
  encryptionAlgorithms,
  keyAgreementAlgorithms,
  keySpecs,
  keyUsages,
  macAlgorithms,
  messageTypes,
  signingAlgorithms,
  wrappingAlgorithms,
  wrappingKeySpecs
} from "@trent/crypto"
import { Schema } from "effect"

/**
 * The API model's enums for key creation (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html). The key specs and
 * their algorithms come from @trent/crypto's one table, so a value checked
 * here is of the very type the cryptography takes.
 */
export const KeySpecs = keySpecs
export const KeySpec = Schema.Literals(KeySpecs)
export type KeySpec = typeof KeySpec.Type

export const KeyUsages = keyUsages
export const KeyUsage = Schema.Literals(KeyUsages)
export type KeyUsage = typeof KeyUsage.Type

export const Origins = ["AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"] as const
export const Origin = Schema.Literals(Origins)
export type Origin = typeof Origin.Type

export const EncryptionAlgorithms = encryptionAlgorithms
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

export const SigningAlgorithms = signingAlgorithms
export type SigningAlgorithm = (typeof SigningAlgorithms)[number]

export const MacAlgorithms = macAlgorithms
export type MacAlgorithm = (typeof MacAlgorithms)[number]

export const KeyAgreementAlgorithms = keyAgreementAlgorithms
export type KeyAgreementAlgorithm = (typeof KeyAgreementAlgorithms)[number]

export const MessageTypes = messageTypes
export type MessageType = (typeof MessageTypes)[number]

export const DataKeyPairSpecs = dataKeyPairSpecs
export type DataKeyPairSpec = (typeof DataKeyPairSpecs)[number]

/** The deprecated CustomerMasterKeySpec enum has no ML_DSA_* and no ECC_NIST_EDWARDS25519 (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html). */
export const CustomerMasterKeySpecs = [
  "RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1",
  "SYMMETRIC_DEFAULT", "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512", "SM2"
] as const
export type CustomerMasterKeySpec = (typeof CustomerMasterKeySpecs)[number]

/** Importing key material (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html, https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html). SM2 and SM2PKE exist only in the China Regions. */
export const WrappingKeySpecs = Object.freeze([...wrappingKeySpecs, "SM2"] as const)
export type WrappingKeySpec = (typeof WrappingKeySpecs)[number]

export const WrappingAlgorithms = wrappingAlgorithms
export type WrappingAlgorithm = (typeof WrappingAlgorithms)[number]

export const ExpirationModels = ["KEY_MATERIAL_EXPIRES", "KEY_MATERIAL_DOES_NOT_EXPIRE"] as const
export const ExpirationModel = Schema.Literals(ExpirationModels)
export type ExpirationModel = typeof ExpirationModel.Type

export const ImportTypes = ["NEW_KEY_MATERIAL", "EXISTING_KEY_MATERIAL"] as const
export type ImportType = (typeof ImportTypes)[number]

export const MultiRegionKeyTypes = ["PRIMARY", "REPLICA"] as const
export type MultiRegionKeyType = (typeof MultiRegionKeyTypes)[number]
