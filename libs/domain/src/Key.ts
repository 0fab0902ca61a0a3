import type { Grant } from "./Grant.ts"
import type { KeySpec, KeyUsage, Origin, RotationType } from "./KeySpec.ts"
import type { KeyEvent } from "./KeyEvent.ts"
import { mergeTags, removeTags, type Tag } from "./Tag.ts"

export const DAY_MS = 86_400_000

export interface KeyVersion {
  readonly materialId: string
  /** Wrapped under the key's KEK; never plaintext. */
  readonly wrapped: Uint8Array
  readonly createdAt: number
  /** Absent for the key's original material (RotationsListEntry omits RotationDate/Type for it). */
  readonly rotationType: RotationType | undefined
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
  | { readonly status: "Destroyed"; readonly key: KeyRecord; readonly destroyedAt: number }

export type ExistingKey = Exclude<Key, { status: "Absent" }>
export type LiveKey = Exclude<Key, { status: "Absent" } | { status: "Destroyed" }>

export const initialKey: Key = { status: "Absent" }

const withRecord = (state: Key, change: (key: KeyRecord) => KeyRecord): Key =>
  state.status === "Absent" ? state : { ...state, key: change(state.key) }

/** Folds one event into the state. Total: an event that cannot apply leaves the state as it was. */
export const evolveKey = (state: Key, event: KeyEvent): Key => {
  switch (event._tag) {
    case "KeyCreated":
      return {
        status: "Enabled",
        key: {
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
          versions: [{ ...event.material, createdAt: event.createdAt, rotationType: undefined }],
          grants: []
        }
      }
    case "KeyEnabled":
      return state.status === "Absent" || state.status === "Destroyed" ? state : { status: "Enabled", key: state.key }
    case "KeyDisabled":
    case "KeyDeletionCancelled":
      return state.status === "Absent" || state.status === "Destroyed" ? state : { status: "Disabled", key: state.key }
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
      return withRecord(state, (key) => ({
        ...key,
        versions: [...key.versions, { ...event.material, createdAt: event.at, rotationType: event.rotationType }],
        onDemandRotations: key.onDemandRotations + (event.rotationType === "ON_DEMAND" ? 1 : 0),
        rotation: event.nextRotationAt === null ? key.rotation : { ...key.rotation, nextRotationAt: event.nextRotationAt }
      }))
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

/** When the scheduler must next look at this key: rotation or the end of the deletion window. */
export const keyDueAt = (state: Key): number | null => {
  switch (state.status) {
    case "Enabled":
      return state.key.rotation.enabled ? (state.key.rotation.nextRotationAt ?? null) : null
    case "PendingDeletion":
      return state.deletionDate
    default:
      return null
  }
}
