import type { Grant } from "./Grant.ts"
import type { KeySpec, KeyUsage, Origin, RotationType } from "./KeySpec.ts"
import type { ImportedMaterial, KeyEvent } from "./KeyEvent.ts"
import { mergeTags, removeTags, type Tag } from "./Tag.ts"

export const DAY_MS = 86_400_000

export interface KeyVersion {
  readonly materialId: string
  /** Wrapped under the key's KEK; never plaintext. */
  readonly wrapped: Uint8Array
  readonly createdAt: number
  /** Absent for the key's original material (RotationsListEntry omits RotationDate/Type for it). */
  readonly rotationType: RotationType | undefined
  /**
   * EXTERNAL keys only: how the imported material expires. After
   * DeleteImportedKeyMaterial or expiry `wrapped` is empty and the version
   * awaits re-import of the same material (ImportState PENDING_IMPORT).
   */
  readonly imported?: ImportedMaterial | undefined
}

/** Where an EXTERNAL_KEY_STORE key's external key lives (KeyMetadata CustomKeyStoreId, XksKeyConfiguration.Id). */
export interface CustomKeyStoreBinding {
  readonly customKeyStoreId: string
  readonly xksKeyId: string
}

/** Multi-Region keys (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html): every member holds the whole membership. */
export interface Replication {
  readonly primaryRegion: string
  readonly replicaRegions: ReadonlyArray<string>
}

export interface RotationSettings {
  readonly enabled: boolean
  readonly periodInDays: number | undefined
  /** When automatic rotation is next due; undefined while rotation is disabled. */
  readonly nextRotationAt: number | undefined
}

/** Everything a created key carries, whatever its state. */
export interface KeyRecord {
  readonly keyId: string
  readonly partition: string
  readonly account: string
  readonly region: string
  readonly keySpec: KeySpec
  readonly keyUsage: KeyUsage
  readonly origin: Origin
  readonly multiRegion: boolean
  readonly createdAt: number
  readonly description: string
  readonly policy: string
  readonly tags: ReadonlyArray<Tag>
  readonly rotation: RotationSettings
  readonly onDemandRotations: number
  /** Oldest first; the last one is current. Emptied when the material is destroyed. */
  readonly versions: ReadonlyArray<KeyVersion>
  /** Live grants, oldest first; retired and revoked ones are gone. */
  readonly grants: ReadonlyArray<Grant>
  /** Defined exactly for multi-Region keys. */
  readonly replication?: Replication | undefined
  /** The service an AWS managed key is for (`alias/aws/<service>`, KeyManager AWS); undefined for customer keys. */
  readonly awsManagedFor?: string | undefined
  /** EXTERNAL_KEY_STORE keys: the store and the external key that encrypts over Trent's own material. */
  readonly customKeyStore?: CustomKeyStoreBinding | undefined
  /** Imported NEW_KEY_MATERIAL awaiting RotateKeyOnDemand (symmetric EXTERNAL keys). */
  readonly pendingRotation?: KeyVersion | undefined
}

/**
 * The key aggregate's state: a union keyed by status. `Enabled`, `Disabled` and
 * `PendingDeletion` are AWS KeyStates; `Absent` is before creation and
 * `Destroyed` after the deletion window ends (AWS then answers NotFound).
 */
export type Key =
  | { readonly status: "Absent" }
  | { readonly status: "Enabled"; readonly key: KeyRecord }
  | { readonly status: "Disabled"; readonly key: KeyRecord }
  | {
    readonly status: "PendingDeletion"
    readonly key: KeyRecord
    readonly deletionDate: number
    readonly pendingWindowInDays: number
  }
  | { readonly status: "PendingImport"; readonly key: KeyRecord }
  | { readonly status: "PendingReplicaDeletion"; readonly key: KeyRecord; readonly pendingWindowInDays: number }
  | { readonly status: "Destroyed"; readonly key: KeyRecord; readonly destroyedAt: number }

export type ExistingKey = Exclude<Key, { status: "Absent" }>
export type LiveKey = Exclude<Key, { status: "Absent" } | { status: "Destroyed" }>

/** A key that exists and is not destroyed: the states an operation can answer about. */
export const isLiveKey = (state: Key): state is LiveKey => state.status !== "Absent" && state.status !== "Destroyed"

export const initialKey: Key = { status: "Absent" }

const withRecord = (state: Key, change: (key: KeyRecord) => KeyRecord): Key =>
  state.status === "Absent" ? state : { ...state, key: change(state.key) }

/** Whether every backing version holds material: an EXTERNAL key without it is PendingImport (https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html). */
export const hasAllMaterial = (key: KeyRecord): boolean =>
  key.versions.length > 0 && key.versions.every((version) => version.wrapped.length > 0)

/** Enabled, or PendingImport while imported material is missing. */
const usableOrPendingImport = (key: KeyRecord): Key =>
  hasAllMaterial(key) ? { status: "Enabled", key } : { status: "PendingImport", key }

/** After material arrives or goes: Enabled/Disabled/PendingImport follow it; deletion states stay. */
const settleImportState = (state: Key, key: KeyRecord, arrivedFromPendingImport: boolean): Key => {
  switch (state.status) {
    case "Absent":
    case "Destroyed":
      return state
    case "PendingImport":
      return arrivedFromPendingImport ? usableOrPendingImport(key) : { status: "PendingImport", key }
    case "Enabled":
    case "Disabled":
      return hasAllMaterial(key) ? { ...state, key } : { status: "PendingImport", key }
    default:
      return { ...state, key }
  }
}

const importVersion = (key: KeyRecord, event: Extract<KeyEvent, { _tag: "KeyMaterialImported" }>): KeyRecord => {
  const version: KeyVersion = {
    materialId: event.material.materialId,
    wrapped: event.material.wrapped,
    createdAt: event.at,
    rotationType: undefined,
    imported: event.imported
  }
  if (event.pendingRotation) return { ...key, pendingRotation: version }
  const existing = key.versions.find((v) => v.materialId === version.materialId)
  return existing === undefined
    ? { ...key, versions: [...key.versions, version] }
    : {
      ...key,
      versions: key.versions.map((v) =>
        v.materialId === version.materialId ? { ...v, wrapped: version.wrapped, imported: version.imported } : v
      )
    }
}

const deleteImported = (key: KeyRecord, materialId: string): KeyRecord =>
  key.pendingRotation?.materialId === materialId
    ? { ...key, pendingRotation: undefined }
    : {
      ...key,
      versions: key.versions.map((v) => v.materialId === materialId ? { ...v, wrapped: new Uint8Array() } : v)
    }

/** The replica's KeyRotated (material from the primary) may name a version it already holds: then nothing changes. */
const addVersion = (key: KeyRecord, event: Extract<KeyEvent, { _tag: "KeyRotated" }>): KeyRecord => {
  if (key.versions.some((v) => v.materialId === event.material.materialId)) return key
  const fromPending = key.pendingRotation?.materialId === event.material.materialId ? key.pendingRotation : undefined
  const version: KeyVersion = {
    ...event.material,
    createdAt: event.at,
    rotationType: event.rotationType,
    ...(fromPending?.imported === undefined ? {} : { imported: fromPending.imported })
  }
  // A replica catching up on a version it missed puts it in date order, so the newest stays current.
  const after = key.versions.findIndex((v) => v.createdAt > version.createdAt)
  return {
    ...key,
    versions: after === -1 ? [...key.versions, version] : [...key.versions.slice(0, after), version, ...key.versions.slice(after)],
    pendingRotation: fromPending === undefined ? key.pendingRotation : undefined,
    onDemandRotations: key.onDemandRotations + (event.rotationType === "ON_DEMAND" ? 1 : 0),
    rotation: event.nextRotationAt === null ? key.rotation : { ...key.rotation, nextRotationAt: event.nextRotationAt }
  }
}

/** Folds one event into the state. Total: an event that cannot apply leaves the state as it was. */
export const evolveKey = (state: Key, event: KeyEvent): Key => {
  switch (event._tag) {
    case "KeyCreated": {
      // EXTERNAL keys start without material, PendingImport (https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html); a multi-Region key starts as its own primary.
      const generated = event.material.materialId !== ""
      const key: KeyRecord = {
        keyId: event.keyId,
        partition: event.partition,
        account: event.account,
        region: event.region,
        keySpec: event.keySpec,
        keyUsage: event.keyUsage,
        origin: event.origin,
        multiRegion: event.multiRegion,
        createdAt: event.createdAt,
        description: event.description,
        policy: event.policy,
        tags: event.tags,
        rotation: { enabled: false, periodInDays: undefined, nextRotationAt: undefined },
        onDemandRotations: 0,
        versions: generated ? [{ ...event.material, createdAt: event.createdAt, rotationType: undefined }] : [],
        grants: [],
        ...(event.multiRegion ? { replication: { primaryRegion: event.region, replicaRegions: [] } } : {})
      }
      return generated ? { status: "Enabled", key } : { status: "PendingImport", key }
    }
    case "ReplicaKeyCreated":
      return usableOrPendingImport({
        keyId: event.keyId,
        partition: event.partition,
        account: event.account,
        region: event.region,
        keySpec: event.keySpec,
        keyUsage: event.keyUsage,
        origin: event.origin,
        multiRegion: true,
        createdAt: event.createdAt,
        description: event.description,
        policy: event.policy,
        tags: event.tags,
        rotation: {
          enabled: event.rotation.enabled,
          periodInDays: event.rotation.periodInDays ?? undefined,
          nextRotationAt: event.rotation.nextRotationAt ?? undefined
        },
        onDemandRotations: 0,
        versions: event.versions.map((v) => ({
          materialId: v.materialId,
          wrapped: v.wrapped,
          createdAt: v.createdAt,
          rotationType: v.rotationType ?? undefined,
          ...(v.imported === null ? {} : { imported: v.imported })
        })),
        grants: [],
        replication: { primaryRegion: event.primaryRegion, replicaRegions: event.replicaRegions }
      })
    case "KeyEnabled":
      return state.status === "Absent" || state.status === "Destroyed" ? state : { status: "Enabled", key: state.key }
    case "KeyDisabled":
      return state.status === "Absent" || state.status === "Destroyed" ? state : { status: "Disabled", key: state.key }
    case "KeyDeletionCancelled":
      // A cancelled deletion leaves the key Disabled, or PendingImport while its imported material is missing.
      return state.status === "Absent" || state.status === "Destroyed"
        ? state
        : hasAllMaterial(state.key) ? { status: "Disabled", key: state.key } : { status: "PendingImport", key: state.key }
    case "KeyDeletionScheduled":
      return state.status === "Absent" || state.status === "Destroyed"
        ? state
        : {
          status: "PendingDeletion",
          key: state.key,
          deletionDate: event.deletionDate,
          pendingWindowInDays: event.pendingWindowInDays
        }
    case "KeyMaterialDestroyed":
      return state.status === "Absent"
        ? state
        : { status: "Destroyed", key: { ...state.key, versions: [] }, destroyedAt: event.at }
    case "KeyManagedByAws":
      return withRecord(state, (key) => ({ ...key, awsManagedFor: event.service }))
    case "KeyPlacedInCustomKeyStore":
      return withRecord(state, (key) => ({ ...key, customKeyStore: { customKeyStoreId: event.customKeyStoreId, xksKeyId: event.xksKeyId } }))
    case "KeyDescriptionUpdated":
      return withRecord(state, (key) => ({ ...key, description: event.description }))
    case "KeyRotationEnabled":
      return withRecord(state, (key) => ({
        ...key,
        rotation: { enabled: true, periodInDays: event.rotationPeriodInDays, nextRotationAt: event.nextRotationAt }
      }))
    case "KeyRotationDisabled":
      return withRecord(state, (key) => ({
        ...key,
        rotation: { enabled: false, periodInDays: key.rotation.periodInDays, nextRotationAt: undefined }
      }))
    case "KeyRotated":
      // A replica that was waiting for its first version becomes usable when it arrives.
      return state.status === "Absent" ? state : settleImportState(state, addVersion(state.key, event), true)
    case "KeyReplicaDeletionAwaited":
      return state.status === "Absent" || state.status === "Destroyed"
        ? state
        : { status: "PendingReplicaDeletion", key: state.key, pendingWindowInDays: event.pendingWindowInDays }
    case "MultiRegionConfigurationUpdated":
      return withRecord(state, (key) => ({
        ...key,
        replication: { primaryRegion: event.primaryRegion, replicaRegions: event.replicaRegions }
      }))
    case "KeyMaterialImported":
      return state.status === "Absent" ? state : settleImportState(state, importVersion(state.key, event), true)
    case "ImportedKeyMaterialDeleted":
      return state.status === "Absent" ? state : settleImportState(state, deleteImported(state.key, event.materialId), false)
    case "KeyTagged":
      return withRecord(state, (key) => ({ ...key, tags: mergeTags(key.tags, event.tags) }))
    case "KeyUntagged":
      return withRecord(state, (key) => ({ ...key, tags: removeTags(key.tags, event.tagKeys) }))
    case "KeyPolicyPut":
      return withRecord(state, (key) => ({ ...key, policy: event.policy }))
    case "GrantCreated":
      return withRecord(state, (key) => ({ ...key, grants: [...key.grants, event.grant] }))
    case "GrantRetired":
    case "GrantRevoked":
      return withRecord(state, (key) => ({ ...key, grants: key.grants.filter((grant) => grant.grantId !== event.grantId) }))
  }
}

/** The current backing key version (the one Encrypt uses). */
export const currentVersion = (key: KeyRecord): KeyVersion | undefined => key.versions[key.versions.length - 1]

/** A replica never rotates by itself: its primary's rotations reach it (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html). */
export const isReplica = (key: KeyRecord): boolean =>
  key.replication !== undefined && key.replication.primaryRegion !== key.region

/** The earliest ValidTo of imported material the key still holds, if any expires. */
export const materialExpiresAt = (key: KeyRecord): number | undefined => {
  const dates = [...key.versions, ...(key.pendingRotation === undefined ? [] : [key.pendingRotation])]
    .flatMap((v) => v.wrapped.length > 0 && v.imported?.validTo != null ? [v.imported.validTo] : [])
  return dates.length === 0 ? undefined : Math.min(...dates)
}

/** When the scheduler must next look at this key: rotation, expiry of imported material, or the end of the deletion window. */
export const keyDueAt = (state: Key): number | null => {
  if (state.status === "Absent" || state.status === "Destroyed") return null
  const expiry = materialExpiresAt(state.key)
  const rotation = state.status === "Enabled" && state.key.rotation.enabled && !isReplica(state.key)
    ? state.key.rotation.nextRotationAt
    : undefined
  const deletion = state.status === "PendingDeletion" ? state.deletionDate : undefined
  const dates = [expiry, rotation, deletion].filter((d): d is number => d !== undefined)
  return dates.length === 0 ? null : Math.min(...dates)
}
