import type { SecretBytes } from "@trent/crypto"
import type { EncryptionAlgorithm, KeyMetadata, KeyRotationEntry, KeyRotationStatus, Tag } from "@trent/domain"

/**
 * The result of each operation of the Region API: times are epoch
 * milliseconds, blobs are bytes, secrets are SecretBytes. Defined here, once:
 * the runtime's RegionApi returns them and the encoders accept exactly these.
 */
export interface Paged<Item> {
  readonly items: ReadonlyArray<Item>
  readonly nextMarker: string | undefined
  readonly truncated: boolean
}
export interface ListKeysEntry {
  readonly keyId: string
  readonly keyArn: string
}
export interface AliasListEntry {
  readonly aliasName: string
  readonly aliasArn: string
  readonly targetKeyId: string
  readonly creationDate: number
  readonly lastUpdatedDate: number
}
export interface ScheduleKeyDeletionResult {
  readonly keyId: string
  readonly deletionDate: number
  readonly keyState: "PendingDeletion"
  readonly pendingWindowInDays: number
}
export interface EncryptResult {
  readonly ciphertextBlob: Uint8Array
  readonly keyId: string
  readonly encryptionAlgorithm: EncryptionAlgorithm
}
export interface DecryptResult {
  readonly keyId: string
  readonly plaintext: SecretBytes
  readonly encryptionAlgorithm: EncryptionAlgorithm
  readonly keyMaterialId: string
}
export interface ReEncryptResult {
  readonly ciphertextBlob: Uint8Array
  readonly sourceKeyId: string
  readonly keyId: string
  readonly sourceEncryptionAlgorithm: EncryptionAlgorithm
  readonly destinationEncryptionAlgorithm: EncryptionAlgorithm
  readonly sourceKeyMaterialId: string
  readonly destinationKeyMaterialId: string
}
export interface GenerateDataKeyResult {
  readonly ciphertextBlob: Uint8Array
  readonly plaintext: SecretBytes
  readonly keyId: string
  readonly keyMaterialId: string
}

/** The result each served operation encodes; `void` for the operations that answer `{}`. */
export interface RegionResults {
  readonly CreateKey: KeyMetadata
  readonly DescribeKey: KeyMetadata
  readonly ListKeys: Paged<ListKeysEntry>
  readonly EnableKey: void
  readonly DisableKey: void
  readonly ScheduleKeyDeletion: ScheduleKeyDeletionResult
  readonly CancelKeyDeletion: { readonly keyId: string }
  readonly UpdateKeyDescription: void
  readonly EnableKeyRotation: void
  readonly DisableKeyRotation: void
  readonly GetKeyRotationStatus: KeyRotationStatus
  readonly RotateKeyOnDemand: { readonly keyId: string }
  readonly ListKeyRotations: Paged<KeyRotationEntry>
  readonly TagResource: void
  readonly UntagResource: void
  readonly ListResourceTags: Paged<Tag>
  readonly PutKeyPolicy: void
  readonly GetKeyPolicy: { readonly policy: string; readonly policyName: string }
  readonly ListKeyPolicies: Paged<string>
  readonly CreateAlias: void
  readonly UpdateAlias: void
  readonly DeleteAlias: void
  readonly ListAliases: Paged<AliasListEntry>
  readonly Encrypt: EncryptResult
  readonly Decrypt: DecryptResult
  readonly ReEncrypt: ReEncryptResult
  readonly GenerateDataKey: GenerateDataKeyResult
  readonly GenerateDataKeyWithoutPlaintext: Omit<GenerateDataKeyResult, "plaintext">
  readonly GenerateRandom: { readonly plaintext: SecretBytes }
}
