import { currentVersion, type ExistingKey, type KeyRecord } from "./Key.ts"
import { keyArn } from "./KeyIdentifiers.ts"
import type {
  CustomerMasterKeySpec,
  EncryptionAlgorithm,
  KeyAgreementAlgorithm,
  KeySpec,
  KeyUsage,
  MacAlgorithm,
  Origin,
  RotationType,
  SigningAlgorithm
} from "./KeySpec.ts"
import { customerMasterKeySpecOf, keyAlgorithms } from "./KeySpecRules.ts"
import type { KeyState } from "./KeyState.ts"

/** KeyMetadata (aws-kms-api.md §2.2) in domain terms: times are epoch milliseconds. */
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
  readonly keyManager: "CUSTOMER"
  readonly customerMasterKeySpec: CustomerMasterKeySpec | undefined
  readonly keySpec: KeySpec
  readonly encryptionAlgorithms: ReadonlyArray<EncryptionAlgorithm> | undefined
  readonly signingAlgorithms: ReadonlyArray<SigningAlgorithm> | undefined
  readonly macAlgorithms: ReadonlyArray<MacAlgorithm> | undefined
  readonly keyAgreementAlgorithms: ReadonlyArray<KeyAgreementAlgorithm> | undefined
  readonly multiRegion: boolean
  readonly currentKeyMaterialId: string | undefined
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
    keyManager: "CUSTOMER",
    customerMasterKeySpec: customerMasterKeySpecOf(key.keySpec),
    keySpec: key.keySpec,
    ...keyAlgorithms(key.keySpec, key.keyUsage),
    multiRegion: key.multiRegion,
    currentKeyMaterialId: currentVersion(key)?.materialId
  }
}

export interface KeyRotationStatus {
  readonly keyId: string
  readonly keyRotationEnabled: boolean
  readonly rotationPeriodInDays: number | undefined
  readonly nextRotationDate: number | undefined
}

/** While a key is PendingDeletion its rotation status reads false (aws-kms-api.md §7.2). */
export const keyRotationStatus = (state: Exclude<ExistingKey, { status: "Destroyed" }>): KeyRotationStatus => {
  const enabled = state.key.rotation.enabled && state.status !== "PendingDeletion"
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
  readonly keyMaterialState: "CURRENT" | "NON_CURRENT"
  readonly rotationDate: number | undefined
  readonly rotationType: RotationType | undefined
}

/**
 * ListKeyRotations: completed rotations, oldest first; ALL_KEY_MATERIAL also
 * lists the original material (which has no RotationDate/RotationType).
 */
export const keyRotations = (key: KeyRecord, includeOriginal: boolean): ReadonlyArray<KeyRotationEntry> => {
  const last = key.versions.length - 1
  return key.versions.flatMap((version, index) =>
    version.rotationType === undefined && !includeOriginal
      ? []
      : [{
        keyId: arnOfKey(key),
        keyMaterialId: version.materialId,
        keyMaterialState: index === last ? "CURRENT" as const : "NON_CURRENT" as const,
        rotationDate: version.rotationType === undefined ? undefined : version.createdAt,
        rotationType: version.rotationType
      }]
  )
}
