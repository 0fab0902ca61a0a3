import {
  CustomerMasterKeySpecs,
  DataKeyPairSpecs,
  DataKeySpecs,
  EncryptionAlgorithms,
  ExpirationModels,
  ImportTypes,
  IncludeKeyMaterialValues,
  KeyAgreementAlgorithms,
  KeySpecs,
  KeyUsages,
  type MacAlgorithm,
  MessageTypes,
  GrantOperations,
  Origins,
  SigningAlgorithms,
  WrappingAlgorithms,
  WrappingKeySpecs
} from "@trent/domain"
import { blob, enumeration, integer, list, optional, required, string, stringMap, structure, timestamp } from "./WireShape.ts"

/**
 * The model's shared member shapes (botocore kms 2014-11-01 `shapes`;
 * aws-kms-api.md §2.4 and §4), named as the model names them.
 */
export const KeyIdType = string({ minLength: 1, maxLength: 2048 })
export const DescriptionType = string({ minLength: 0, maxLength: 8192 })
export const CustomKeyStoreIdType = string({ minLength: 1, maxLength: 64 })
export const XksKeyIdType = string({ minLength: 1, maxLength: 128, pattern: "^[a-zA-Z0-9-_.]+$" })
export const AliasNameType = string({ minLength: 1, maxLength: 256, pattern: "^[a-zA-Z0-9:/_-]+$" })
export const PolicyNameType = string({ minLength: 1, maxLength: 128, pattern: "[\\w]+" })
export const PolicyType = string({ minLength: 1, maxLength: 131072, pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+" })
export const MarkerType = string({ minLength: 1, maxLength: 1024, pattern: "[\\u0020-\\u00FF]*" })
export const TagKeyType = string({ minLength: 1, maxLength: 128 })
export const TagValueType = string({ minLength: 0, maxLength: 256 })
export const GrantTokenType = string({ minLength: 1, maxLength: 8192 })
export const GrantIdType = string({ minLength: 1, maxLength: 128 })
export const GrantNameType = string({ minLength: 1, maxLength: 256, pattern: "^[a-zA-Z0-9:/_-]+$" })
export const PrincipalIdType = string({ minLength: 1, maxLength: 256, pattern: "^[\\w+=,.@:/-]+$" })
export const RegionType = string({ minLength: 1, maxLength: 32, pattern: "^([a-z]+-){2,3}\\d+$" })
/** A key material id: exactly 64 lowercase hex digits in requests. */
export const BackingKeyIdType = string({ minLength: 64, maxLength: 64, pattern: "^[a-f0-9]+$" })
/**
 * The pattern's `+` makes an empty description fail it although the length
 * allows 0, as in the model. (`\s` is matched as JavaScript reads it, which
 * also takes the Unicode spaces Java's does not.)
 */
export const KeyMaterialDescriptionType = string({ minLength: 0, maxLength: 256, pattern: "^[a-zA-Z0-9:/_\\s.-]+$" })

export const NumberOfBytesType = integer({ min: 1, max: 1024 })
/** The model's range; the service's 7–30 is the domain's rule (aws-kms-api.md §7.1). */
export const PendingWindowInDaysType = integer({ min: 1, max: 365 })
export const RotationPeriodInDaysType = integer({ min: 90, max: 2560 })
/**
 * `Limit` is 1–1000 in the model; ListAliases and ListResourceTags document
 * lower caps (aws-kms-api.md §7.6), which the service enforces with the same
 * message form.
 */
export const limit = (max: number) => integer({ min: 1, max })

export const DateType = timestamp

export const PlaintextType = blob({ minLength: 1, maxLength: 4096, sensitive: true })
export const CiphertextType = blob({ minLength: 1, maxLength: 6144 })
export const PublicKeyType = blob({ minLength: 1, maxLength: 8192 })
export const SignatureType = blob({ minLength: 1, maxLength: 6144 })
export const MacType = blob({ minLength: 1, maxLength: 6144 })
export const AttestationDocumentType = blob({ minLength: 1, maxLength: 262144 })

export const KeySpec = enumeration(KeySpecs)
export const CustomerMasterKeySpec = enumeration(CustomerMasterKeySpecs)
export const SigningAlgorithmSpec = enumeration(SigningAlgorithms)
/**
 * The MacAlgorithmSpec values in the order AWS lists them when it refuses one:
 * GenerateMac and VerifyMac with MacAlgorithm 'INVALID' answer `Member must
 * satisfy enum value set: [HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224,
 * HMAC_SHA_512]`, not the model's order
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateMac.html#KMS-GenerateMac-request-MacAlgorithm).
 * The same set as the model's `MacAlgorithms` (a test holds them equal).
 */
export const MacAlgorithmsAsAwsLists = ["HMAC_SHA_384", "HMAC_SHA_256", "HMAC_SHA_224", "HMAC_SHA_512"] as const satisfies
  ReadonlyArray<MacAlgorithm>
export const MacAlgorithmSpec = enumeration(MacAlgorithmsAsAwsLists)
export const KeyAgreementAlgorithmSpec = enumeration(KeyAgreementAlgorithms)
export const MessageType = enumeration(MessageTypes)
export const DataKeyPairSpec = enumeration(DataKeyPairSpecs)
export const KeyUsageType = enumeration(KeyUsages)
export const OriginType = enumeration(Origins)
export const EncryptionAlgorithmSpec = enumeration(EncryptionAlgorithms)
export const DataKeySpec = enumeration(DataKeySpecs)
export const IncludeKeyMaterial = enumeration(IncludeKeyMaterialValues)
/** The wrapping algorithm of GetParametersForImport (aws-kms-api.md §3.10, §4). */
export const AlgorithmSpec = enumeration(WrappingAlgorithms)
export const WrappingKeySpec = enumeration(WrappingKeySpecs)
export const ExpirationModelType = enumeration(ExpirationModels)
export const ImportType = enumeration(ImportTypes)
export const DryRunModifierTypes = ["IGNORE_CIPHERTEXT"] as const
export const KeyEncryptionMechanisms = ["RSAES_OAEP_SHA_256"] as const

export const EncryptionContextType = stringMap
export const GrantTokenList = list(GrantTokenType, { minLength: 0, maxLength: 10 })
export const DryRunModifierList = list(enumeration(DryRunModifierTypes))
export const Tag = structure({ tagKey: required(TagKeyType), tagValue: required(TagValueType) })
export const TagList = list(Tag)
export const TagKeyList = list(TagKeyType)
export const GrantOperationList = list(enumeration(GrantOperations))
export const GrantConstraints = structure({
  encryptionContextSubset: optional(EncryptionContextType),
  encryptionContextEquals: optional(EncryptionContextType)
})

/** Nitro Enclaves attestation (aws-kms-api.md §2.3). */
export const RecipientInfo = structure({
  keyEncryptionAlgorithm: optional(enumeration(KeyEncryptionMechanisms)),
  attestationDocument: optional(AttestationDocumentType)
})
