import { arnOfKey, type ExistingKey, type Grant, type KeySpec, type KeyUsage, type Origin, type RotationType, type Tag } from "@trent/domain"
import { formatInstant } from "../output/formatInstant.ts"

/** A backing key version: its id and dates, never its material. */
export interface KeyVersionView {
  readonly materialId: string
  readonly createdAt: string
  /** Null for the key's original material. */
  readonly rotationType: RotationType | null
  readonly current: boolean
  readonly imported: {
    readonly state: "IMPORTED" | "PENDING_IMPORT"
    readonly expirationModel: string
    readonly validTo: string | null
  } | null
}

export interface GrantView {
  readonly grantId: string
  readonly name: string | null
  readonly granteePrincipal: string
  readonly retiringPrincipal: string | null
  readonly operations: ReadonlyArray<string>
  readonly constraints: Grant["constraints"] | null
  readonly issuingAccount: string
  readonly createdAt: string
}

/**
 * A key's full state at one instant, as `trent keys history` prints it: what
 * DescribeKey, GetKeyPolicy, ListResourceTags, ListAliases, ListGrants and
 * ListKeyRotations would have answered then (instants as ISO 8601 UTC).
 */
export interface KeyView {
  readonly keyId: string
  readonly arn: string
  readonly state: ExistingKey["status"]
  readonly createdAt: string
  readonly description: string
  readonly keySpec: KeySpec
  readonly keyUsage: KeyUsage
  readonly origin: Origin
  readonly multiRegion: boolean
  /** PendingDeletion only. */
  readonly deletionDate: string | null
  readonly pendingWindowInDays: number | null
  readonly multiRegionConfiguration: { readonly primaryRegion: string; readonly replicaRegions: ReadonlyArray<string> } | null
  /** Destroyed only: when the deletion window ended and the material was shredded. */
  readonly destroyedAt: string | null
  readonly policy: string
  readonly versions: ReadonlyArray<KeyVersionView>
  readonly rotation: {
    readonly enabled: boolean
    readonly periodInDays: number | null
    readonly nextRotationAt: string | null
    readonly onDemandRotations: number
  }
  readonly tags: ReadonlyArray<Tag>
  readonly grants: ReadonlyArray<GrantView>
  /** Alias names that pointed at the key then, sorted. */
  readonly aliases: ReadonlyArray<string>
}

const orNull = <A>(value: A | undefined): A | null => (value === undefined ? null : value)
const instantOrNull = (epochMillis: number | undefined): string | null =>
  epochMillis === undefined ? null : formatInstant(epochMillis)

export const keyView = (state: ExistingKey, aliases: ReadonlyArray<string>): KeyView => {
  const { key } = state
  const last = key.versions.length - 1
  return {
    keyId: key.keyId,
    arn: arnOfKey(key),
    state: state.status,
    createdAt: formatInstant(key.createdAt),
    description: key.description,
    keySpec: key.keySpec,
    keyUsage: key.keyUsage,
    origin: key.origin,
    multiRegion: key.multiRegion,
    deletionDate: state.status === "PendingDeletion" ? formatInstant(state.deletionDate) : null,
    pendingWindowInDays: state.status === "PendingDeletion" || state.status === "PendingReplicaDeletion" ? state.pendingWindowInDays : null,
    multiRegionConfiguration: key.replication === undefined
      ? null
      : { primaryRegion: key.replication.primaryRegion, replicaRegions: [...key.replication.replicaRegions] },
    destroyedAt: state.status === "Destroyed" ? formatInstant(state.destroyedAt) : null,
    policy: key.policy,
    versions: key.versions.map((version, index) => ({
      materialId: version.materialId,
      createdAt: formatInstant(version.createdAt),
      rotationType: orNull(version.rotationType),
      current: index === last,
      // Imported material: its terms, and whether it is held (IMPORTED) or awaits re-import (PENDING_IMPORT).
      imported: version.imported === undefined
        ? null
        : {
          state: version.wrapped.length > 0 ? "IMPORTED" : "PENDING_IMPORT",
          expirationModel: version.imported.expirationModel,
          validTo: instantOrNull(version.imported.validTo ?? undefined)
        }
    })),
    rotation: {
      enabled: key.rotation.enabled,
      periodInDays: orNull(key.rotation.periodInDays),
      nextRotationAt: instantOrNull(key.rotation.nextRotationAt),
      onDemandRotations: key.onDemandRotations
    },
    tags: key.tags.map(({ tagKey, tagValue }) => ({ tagKey, tagValue })),
    grants: key.grants.map((grant) => ({
      grantId: grant.grantId,
      name: orNull(grant.name),
      granteePrincipal: grant.granteePrincipal,
      retiringPrincipal: orNull(grant.retiringPrincipal),
      operations: grant.operations,
      constraints: orNull(grant.constraints),
      issuingAccount: grant.issuingAccount,
      createdAt: formatInstant(grant.createdAt)
    })),
    aliases: [...aliases].sort()
  }
}
