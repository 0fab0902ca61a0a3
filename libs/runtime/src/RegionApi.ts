import type { EncryptionContext, SecretBytes } from "@trent/crypto"
import type {
  DataKeySpec,
  EncryptionAlgorithm,
  IncludeKeyMaterial,
  KeyMetadata,
  KeyRotationEntry,
  KeyRotationStatus,
  KeySpec,
  KeyUsage,
  Origin,
  Tag
} from "@trent/domain"
import type { Effect } from "effect"
import type { RegionError, RegionInternalError } from "./RegionErrors.ts"

/**
 * The Region API: every symmetric-key operation of AWS KMS, in AWS's terms
 * (camelCase members, times in epoch milliseconds, blobs as bytes). The HTTP
 * edge only translates wire shapes to these and back.
 */
export interface Page {
  readonly limit?: number | undefined
  readonly marker?: string | undefined
}
export interface Paged<Item> {
  readonly items: ReadonlyArray<Item>
  readonly nextMarker: string | undefined
  readonly truncated: boolean
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
}
export interface KeyRef {
  readonly keyId: string
}
export interface ScheduleKeyDeletionResult {
  readonly keyId: string
  readonly deletionDate: number
  readonly keyState: "PendingDeletion"
  readonly pendingWindowInDays: number
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
export interface EncryptResult {
  readonly ciphertextBlob: Uint8Array
  readonly keyId: string
  readonly encryptionAlgorithm: EncryptionAlgorithm
}
export interface DecryptRequest extends CryptoRequest {
  readonly ciphertextBlob?: Uint8Array | undefined
  readonly encryptionContext?: EncryptionContext | undefined
  readonly keyId?: string | undefined
  readonly encryptionAlgorithm?: EncryptionAlgorithm | undefined
  readonly dryRunModifiers?: ReadonlyArray<"IGNORE_CIPHERTEXT"> | undefined
}
export interface DecryptResult {
  readonly keyId: string
  readonly plaintext: SecretBytes
  readonly encryptionAlgorithm: EncryptionAlgorithm
  readonly keyMaterialId: string
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
export interface ReEncryptResult {
  readonly ciphertextBlob: Uint8Array
  readonly sourceKeyId: string
  readonly keyId: string
  readonly sourceEncryptionAlgorithm: EncryptionAlgorithm
  readonly destinationEncryptionAlgorithm: EncryptionAlgorithm
  readonly sourceKeyMaterialId: string
  readonly destinationKeyMaterialId: string
}
export interface GenerateDataKeyRequest extends CryptoRequest {
  readonly keyId: string
  readonly encryptionContext?: EncryptionContext | undefined
  readonly numberOfBytes?: number | undefined
  readonly keySpec?: DataKeySpec | undefined
}
export interface GenerateDataKeyResult {
  readonly ciphertextBlob: Uint8Array
  readonly plaintext: SecretBytes
  readonly keyId: string
  readonly keyMaterialId: string
}

type Op<In, Out> = (request: In) => Effect.Effect<Out, RegionError>

export interface RegionApi {
  readonly region: string
  readonly createKey: Op<CreateKeyRequest, KeyMetadata>
  readonly describeKey: Op<KeyRef, KeyMetadata>
  readonly listKeys: Op<Page, Paged<ListKeysEntry>>
  readonly enableKey: Op<KeyRef, void>
  readonly disableKey: Op<KeyRef, void>
  readonly scheduleKeyDeletion: Op<KeyRef & { readonly pendingWindowInDays?: number | undefined }, ScheduleKeyDeletionResult>
  readonly cancelKeyDeletion: Op<KeyRef, { readonly keyId: string }>
  readonly updateKeyDescription: Op<KeyRef & { readonly description: string }, void>
  readonly enableKeyRotation: Op<KeyRef & { readonly rotationPeriodInDays?: number | undefined }, void>
  readonly disableKeyRotation: Op<KeyRef, void>
  readonly getKeyRotationStatus: Op<KeyRef, KeyRotationStatus>
  readonly rotateKeyOnDemand: Op<KeyRef, { readonly keyId: string }>
  readonly listKeyRotations: Op<KeyRef & Page & { readonly includeKeyMaterial?: IncludeKeyMaterial | undefined }, Paged<KeyRotationEntry>>
  readonly tagResource: Op<KeyRef & { readonly tags: ReadonlyArray<Tag> }, void>
  readonly untagResource: Op<KeyRef & { readonly tagKeys: ReadonlyArray<string> }, void>
  readonly listResourceTags: Op<KeyRef & Page, Paged<Tag>>
  readonly putKeyPolicy: Op<
    KeyRef & { readonly policyName?: string | undefined; readonly policy: string; readonly bypassPolicyLockoutSafetyCheck?: boolean | undefined },
    void
  >
  readonly getKeyPolicy: Op<KeyRef & { readonly policyName?: string | undefined }, { readonly policy: string; readonly policyName: string }>
  readonly listKeyPolicies: Op<KeyRef & Page, Paged<string>>
  readonly createAlias: Op<{ readonly aliasName: string; readonly targetKeyId: string }, void>
  readonly updateAlias: Op<{ readonly aliasName: string; readonly targetKeyId: string }, void>
  readonly deleteAlias: Op<{ readonly aliasName: string }, void>
  readonly listAliases: Op<Page & { readonly keyId?: string | undefined }, Paged<AliasListEntry>>
  readonly encrypt: Op<EncryptRequest, EncryptResult>
  readonly decrypt: Op<DecryptRequest, DecryptResult>
  readonly reEncrypt: Op<ReEncryptRequest, ReEncryptResult>
  readonly generateDataKey: Op<GenerateDataKeyRequest, GenerateDataKeyResult>
  readonly generateDataKeyWithoutPlaintext: Op<GenerateDataKeyRequest, Omit<GenerateDataKeyResult, "plaintext">>
  readonly generateRandom: Op<{ readonly numberOfBytes?: number | undefined }, { readonly plaintext: SecretBytes }>
  /** The scheduler's pass: rotate keys whose automatic rotation is due, destroy keys whose deletion window ended. */
  readonly runScheduledWork: Effect.Effect<{ readonly rotated: number; readonly destroyed: number }, RegionInternalError>
}
