import type { EncryptionContext } from "@trent/crypto"
import type { DataKeyPairSpec, GrantOperation, DataKeySpec, EncryptionAlgorithm, ExpirationModel, ImportType, KeyAgreementAlgorithm, KeySpec, KeyUsage, MacAlgorithm, MessageType, Origin, SigningAlgorithm, Tag, WrappingAlgorithm, WrappingKeySpec } from "@trent/domain"

export type * from "./customKeyStoreTypes.ts"

/**
 * The request of each operation of the Region API, in AWS's terms (camelCase,
 * bytes for blobs). Defined here, once: `decodeRequest` produces them and the
 * runtime's RegionApi takes them (libs/runtime/src/RegionApi.ts).
 */
export interface Page {
  readonly limit?: number | undefined
  readonly marker?: string | undefined
}
export interface KeyRef {
  readonly keyId: string
}
export interface CreateKeyRequest {
  readonly description?: string | undefined
  readonly keyUsage?: KeyUsage | undefined
  readonly keySpec?: KeySpec | undefined
  readonly customerMasterKeySpec?: KeySpec | undefined
  readonly origin?: Origin | undefined
  readonly policy?: string | undefined
  readonly bypassPolicyLockoutSafetyCheck?: boolean | undefined
  readonly tags?: ReadonlyArray<Tag> | undefined
  readonly multiRegion?: boolean | undefined
  readonly customKeyStoreId?: string | undefined
  /** Origin EXTERNAL_KEY_STORE only: the external key's id at the store's proxy. */
  readonly xksKeyId?: string | undefined
}
interface CryptoRequest {
  readonly grantTokens?: ReadonlyArray<string> | undefined
  readonly dryRun?: boolean | undefined
}
export interface EncryptRequest extends CryptoRequest {
  readonly keyId: string
  readonly plaintext: Uint8Array
  readonly encryptionContext?: EncryptionContext | undefined
  readonly encryptionAlgorithm?: EncryptionAlgorithm | undefined
}
export interface DecryptRequest extends CryptoRequest {
  readonly ciphertextBlob?: Uint8Array | undefined
  readonly encryptionContext?: EncryptionContext | undefined
  readonly keyId?: string | undefined
  readonly encryptionAlgorithm?: EncryptionAlgorithm | undefined
  readonly dryRunModifiers?: ReadonlyArray<"IGNORE_CIPHERTEXT"> | undefined
}
export interface ReEncryptRequest extends CryptoRequest {
  readonly ciphertextBlob?: Uint8Array | undefined
  readonly sourceEncryptionContext?: EncryptionContext | undefined
  readonly sourceKeyId?: string | undefined
  readonly destinationKeyId: string
  readonly destinationEncryptionContext?: EncryptionContext | undefined
  readonly sourceEncryptionAlgorithm?: EncryptionAlgorithm | undefined
  readonly destinationEncryptionAlgorithm?: EncryptionAlgorithm | undefined
  readonly dryRunModifiers?: ReadonlyArray<"IGNORE_CIPHERTEXT"> | undefined
}
export interface GenerateDataKeyRequest extends CryptoRequest {
  readonly keyId: string
  readonly encryptionContext?: EncryptionContext | undefined
  readonly numberOfBytes?: number | undefined
  readonly keySpec?: DataKeySpec | undefined
}
export interface GenerateDataKeyPairRequest extends CryptoRequest {
  readonly keyId: string
  readonly encryptionContext?: EncryptionContext | undefined
  readonly keyPairSpec: DataKeyPairSpec
}
export interface SignRequest extends CryptoRequest {
  readonly keyId: string
  readonly message: Uint8Array
  readonly messageType?: MessageType | undefined
  readonly signingAlgorithm: SigningAlgorithm
}
export interface VerifyRequest extends SignRequest {
  readonly signature: Uint8Array
}
export interface GenerateMacRequest extends CryptoRequest {
  readonly keyId: string
  readonly message: Uint8Array
  readonly macAlgorithm: MacAlgorithm
}
export interface VerifyMacRequest extends GenerateMacRequest {
  readonly mac: Uint8Array
}
export interface DeriveSharedSecretRequest extends CryptoRequest {
  readonly keyId: string
  readonly keyAgreementAlgorithm: KeyAgreementAlgorithm
  readonly publicKey: Uint8Array
}
export interface CreateGrantRequest {
  readonly keyId: string
  readonly granteePrincipal: string
  readonly retiringPrincipal?: string | undefined
  readonly operations: ReadonlyArray<GrantOperation>
  readonly constraints?: {
    readonly encryptionContextSubset?: EncryptionContext | undefined
    readonly encryptionContextEquals?: EncryptionContext | undefined
  } | undefined
  readonly grantTokens?: ReadonlyArray<string> | undefined
  readonly name?: string | undefined
  readonly dryRun?: boolean | undefined
}
/** Multi-Region keys (aws-kms-api.md §3.9): a replica takes its own policy, description and tags. */
export interface ReplicateKeyRequest {
  readonly keyId: string
  readonly replicaRegion: string
  readonly policy?: string | undefined
  readonly bypassPolicyLockoutSafetyCheck?: boolean | undefined
  readonly description?: string | undefined
  readonly tags?: ReadonlyArray<Tag> | undefined
}
export interface UpdatePrimaryRegionRequest {
  readonly keyId: string
  readonly primaryRegion: string
}
/** Importing key material (aws-kms-api.md §3.10). */
export interface GetParametersForImportRequest {
  readonly keyId: string
  readonly wrappingAlgorithm: WrappingAlgorithm
  readonly wrappingKeySpec: WrappingKeySpec
}
export interface ImportKeyMaterialRequest {
  readonly keyId: string
  readonly importToken: Uint8Array
  readonly encryptedKeyMaterial: Uint8Array
  /** Epoch milliseconds. */
  readonly validTo?: number | undefined
  readonly expirationModel?: ExpirationModel | undefined
  readonly importType?: ImportType | undefined
  readonly keyMaterialDescription?: string | undefined
  readonly keyMaterialId?: string | undefined
}
export interface DeleteImportedKeyMaterialRequest {
  readonly keyId: string
  readonly keyMaterialId?: string | undefined
}
export interface AliasTarget {
  readonly aliasName: string
  readonly targetKeyId: string
}
