import { currentVersion, type ExistingKey, type KeyRecord, type KeyVersion } from "./Key.ts"
import { keyArn } from "./KeyIdentifiers.ts"
import type {
  CustomerMasterKeySpec,
  EncryptionAlgorithm,
  KeyAgreementAlgorithm,
  KeySpec,
  ExpirationModel,
  KeyUsage,
  MacAlgorithm,
  MultiRegionKeyType,
  Origin,
  RotationType,
  SigningAlgorithm
} from "./KeySpec.ts"
import { customerMasterKeySpecOf, keyAlgorithms } from "./KeySpecRules.ts"
import { supportsRotation } from "./decide/rotation.ts"
import type { KeyState } from "./KeyState.ts"

/** KeyMetadata (https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html) in domain terms: times are epoch milliseconds. */
export interface KeyMetadata {
  readonly awsAccountId: string
  readonly keyId: string
  readonly arn: string
  readonly creationDate: number
  readonly enabled: boolean
  readonly description: string
  readonly keyUsage: KeyUsage
  readonly keyState: KeyState
  readonly deletionDate: number | undefined
  readonly origin: Origin
  readonly keyManager: "CUSTOMER" | "AWS"
  readonly customerMasterKeySpec: CustomerMasterKeySpec | undefined
  readonly keySpec: KeySpec
  readonly encryptionAlgorithms: ReadonlyArray<EncryptionAlgorithm> | undefined
  readonly signingAlgorithms: ReadonlyArray<SigningAlgorithm> | undefined
  readonly macAlgorithms: ReadonlyArray<MacAlgorithm> | undefined
  readonly keyAgreementAlgorithms: ReadonlyArray<KeyAgreementAlgorithm> | undefined
  readonly multiRegion: boolean
  readonly multiRegionConfiguration: MultiRegionConfiguration | undefined
  /** Only while PendingReplicaDeletion: the window that starts when the last replica is gone. */
  readonly pendingDeletionWindowInDays: number | undefined
  /** Only for EXTERNAL keys while they hold imported material (not before the first import, nor after it is deleted). */
  readonly expirationModel: ExpirationModel | undefined
  readonly validTo: number | undefined
  readonly currentKeyMaterialId: string | undefined
  /** EXTERNAL_KEY_STORE keys only. */
  readonly customKeyStoreId?: string | undefined
  readonly xksKeyId?: string | undefined
}

export interface MultiRegionKey {
  readonly arn: string
  readonly region: string
}

/** KeyMetadata.MultiRegionConfiguration (https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html). */
export interface MultiRegionConfiguration {
  readonly multiRegionKeyType: MultiRegionKeyType
  readonly primaryKey: MultiRegionKey
  readonly replicaKeys: ReadonlyArray<MultiRegionKey>
}

export const arnOfKey = (key: KeyRecord): string => keyArn(key, key.keyId)

export const keyMetadata = (state: Exclude<ExistingKey, { status: "Destroyed" }>): KeyMetadata => {
  const { key } = state
  return {
    awsAccountId: key.account,
    keyId: key.keyId,
    arn: arnOfKey(key),
    creationDate: key.createdAt,
    enabled: state.status === "Enabled",
    description: key.description,
    keyUsage: key.keyUsage,
    keyState: state.status,
    deletionDate: state.status === "PendingDeletion" ? state.deletionDate : undefined,
    origin: key.origin,
    keyManager: key.awsManagedFor === undefined ? "CUSTOMER" : "AWS",
    customerMasterKeySpec: customerMasterKeySpecOf(key.keySpec),
    keySpec: key.keySpec,
    ...keyAlgorithms(key.keySpec, key.keyUsage),
    multiRegion: key.multiRegion,
    multiRegionConfiguration: multiRegionConfiguration(key),
    pendingDeletionWindowInDays: state.status === "PendingReplicaDeletion" ? state.pendingWindowInDays : undefined,
    ...importTerms(key),
    // Symmetric keys only (https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html).
    currentKeyMaterialId: key.keySpec === "SYMMETRIC_DEFAULT" ? currentVersion(key)?.materialId : undefined,
    ...(key.customKeyStore === undefined ? {} : { customKeyStoreId: key.customKeyStore.customKeyStoreId, xksKeyId: key.customKeyStore.xksKeyId })
  }
}

/**
 * ReplicateKey's ReplicaKeyMetadata: the replica as AWS describes it while it
 * is still being made, KeyState Creating and Enabled false, with no
 * CurrentKeyMaterialId yet (ReplicateKey response,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html#API_ReplicateKey_ResponseSyntax).
 */
export const replicaBeingCreated = (metadata: KeyMetadata): KeyMetadata =>
  ({ ...metadata, keyState: "Creating", enabled: false, currentKeyMaterialId: undefined })

const memberArn = (key: KeyRecord, region: string) => keyArn({ ...key, region }, key.keyId)

export const multiRegionConfiguration = (key: KeyRecord): MultiRegionConfiguration | undefined => {
  const { replication } = key
  if (replication === undefined) return undefined
  return {
    multiRegionKeyType: replication.primaryRegion === key.region ? "PRIMARY" : "REPLICA",
    primaryKey: { arn: memberArn(key, replication.primaryRegion), region: replication.primaryRegion },
    replicaKeys: replication.replicaRegions.map((region) => ({ arn: memberArn(key, region), region }))
  }
}

/**
 * ExpirationModel and ValidTo: the terms of the imported material an EXTERNAL
 * key currently holds. Before the first import, and again once that material
 * is deleted or expired (the key back in PendingImport), AWS sends neither:
 * DescribeKey after DeleteImportedKeyMaterial omits ExpirationModel for
 * symmetric, RSA, ECC and HMAC keys alike (KeyMetadata,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html).
 */
const importTerms = (key: KeyRecord): Pick<KeyMetadata, "expirationModel" | "validTo"> => {
  const current = key.origin === "EXTERNAL" ? currentVersion(key) : undefined
  const terms = current !== undefined && current.wrapped.length > 0 ? current.imported : undefined
  return terms === undefined
    ? { expirationModel: undefined, validTo: undefined }
    : { expirationModel: terms.expirationModel, validTo: terms.validTo ?? undefined }
}

export interface KeyRotationStatus {
  readonly keyId: string
  readonly keyRotationEnabled: boolean
  readonly rotationPeriodInDays: number | undefined
  readonly nextRotationDate: number | undefined
}

/**
 * While a key is PendingDeletion its rotation status reads false (https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html).
 * Asymmetric and HMAC keys cannot rotate automatically, and AWS reports their
 * status as false rather than refusing: "The key rotation status of these KMS
 * keys is always false" (GetKeyRotationStatus, API Reference,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html).
 * Terraform's aws_kms_key reads it for every key. Imported (EXTERNAL) keys stay
 * refused, see `rotationStatusRefusal`.
 */
export const keyRotationStatus = (state: Exclude<ExistingKey, { status: "Destroyed" }>): KeyRotationStatus => {
  const enabled = supportsRotation(state.key) && state.key.rotation.enabled && state.status !== "PendingDeletion" &&
    state.status !== "PendingReplicaDeletion"
  return {
    keyId: arnOfKey(state.key),
    keyRotationEnabled: enabled,
    rotationPeriodInDays: enabled ? state.key.rotation.periodInDays : undefined,
    nextRotationDate: enabled ? state.key.rotation.nextRotationAt : undefined
  }
}

export interface KeyRotationEntry {
  readonly keyId: string
  readonly keyMaterialId: string
  readonly keyMaterialState: "CURRENT" | "NON_CURRENT" | "PENDING_ROTATION"
  readonly rotationDate: number | undefined
  readonly rotationType: RotationType | undefined
  /** The import members appear only for EXTERNAL symmetric keys (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html). */
  readonly keyMaterialDescription?: string | undefined
  readonly importState?: "IMPORTED" | "PENDING_IMPORT" | undefined
  readonly expirationModel?: ExpirationModel | undefined
  readonly validTo?: number | undefined
}

/**
 * ListKeyRotations: completed rotations, oldest first; ALL_KEY_MATERIAL also
 * lists the original material (which has no RotationDate/RotationType).
 */
export const keyRotations = (key: KeyRecord, includeOriginal: boolean): ReadonlyArray<KeyRotationEntry> => {
  const last = key.versions.length - 1
  const importInfo = (version: KeyVersion) =>
    key.origin === "EXTERNAL" && key.keySpec === "SYMMETRIC_DEFAULT"
      ? {
        keyMaterialDescription: version.imported?.description ?? undefined,
        importState: version.wrapped.length > 0 ? "IMPORTED" as const : "PENDING_IMPORT" as const,
        expirationModel: version.imported?.expirationModel,
        validTo: version.imported?.validTo ?? undefined
      }
      : {}
  const completed = key.versions.flatMap((version, index) =>
    version.rotationType === undefined && !includeOriginal
      ? []
      : [{
        keyId: arnOfKey(key),
        keyMaterialId: version.materialId,
        keyMaterialState: index === last ? "CURRENT" as const : "NON_CURRENT" as const,
        rotationDate: version.rotationType === undefined ? undefined : version.createdAt,
        rotationType: version.rotationType,
        ...importInfo(version)
      }]
  )
  const pending = key.pendingRotation
  // ALL_KEY_MATERIAL adds material pending rotation (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html), with no RotationDate/Type.
  return includeOriginal && pending !== undefined
    ? [...completed, {
      keyId: arnOfKey(key),
      keyMaterialId: pending.materialId,
      keyMaterialState: "PENDING_ROTATION" as const,
      rotationDate: undefined,
      rotationType: undefined,
      ...importInfo(pending)
    }]
    : completed
}
