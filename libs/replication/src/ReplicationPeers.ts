import type { SecretBytes } from "@trent/crypto"
import type {
  ImportedMaterial,
  KeyMetadata,
  KeySpec,
  KeyUsage,
  Origin,
  Replication,
  RotationType,
  Tag
} from "@trent/domain"
import { Context, Effect } from "effect"
import type { RegionError } from "@trent/key-actors"

/** One backing version crossing to a replica: in clear only in memory, re-wrapped on arrival. */
export interface VersionInTransit {
  readonly materialId: string
  /** Undefined for imported material: each Region imports it itself (§3.9). */
  readonly plaintext: SecretBytes | undefined
  readonly createdAt: number
  readonly rotationType: RotationType | undefined
  readonly imported: ImportedMaterial | undefined
}

export interface RotationSettingsInTransit {
  readonly enabled: boolean
  readonly periodInDays: number | undefined
  readonly nextRotationAt: number | undefined
}

export interface ReplicaRequest {
  readonly keyId: string
  readonly primaryRegion: string
  readonly replicaRegions: ReadonlyArray<string>
  readonly keySpec: KeySpec
  readonly keyUsage: KeyUsage
  readonly origin: Origin
  readonly description: string
  readonly policy: string | undefined
  readonly bypassPolicyLockoutSafetyCheck: boolean
  readonly tags: ReadonlyArray<Tag>
  readonly versions: ReadonlyArray<VersionInTransit>
  readonly rotation: RotationSettingsInTransit
}

export interface ReplicaCreated {
  readonly metadata: KeyMetadata
  readonly policy: string
  readonly tags: ReadonlyArray<Tag>
}

/** What a member holds of a multi-Region key, for healing after a change that did not reach it. */
export interface MemberState extends ReplicaCreated {
  readonly primaryRegion: string
  readonly replicaRegions: ReadonlyArray<string>
  readonly materialIds: ReadonlyArray<string>
}

/**
 * A Region's side of multi-Region replication, reachable by its sibling
 * Regions of the same account in this deployment. Every call becomes an
 * ordinary command on the member's own log — the only way anything crosses
 * between Regions (ARCHITECTURE.md, "Regions").
 */
export interface ReplicaEndpoint {
  readonly region: string
  createReplica(request: ReplicaRequest): Effect.Effect<ReplicaCreated, RegionError>
  /** The member's view of the key, if it holds a live multi-Region key of that id (no authorization: Region to Region). */
  memberState(keyId: string): Effect.Effect<MemberState | undefined, RegionError>
  /** Authorizes and checks the state of a replica about to become primary. */
  checkPromotion(keyId: string): Effect.Effect<void, RegionError>
  applyConfiguration(keyId: string, replication: Replication): Effect.Effect<void, RegionError>
  receiveMaterial(keyId: string, version: Required<Pick<VersionInTransit, "materialId">> & {
    readonly plaintext: SecretBytes
    readonly rotationType: RotationType
    readonly rotatedAt: number
    readonly nextRotationAt: number | undefined
  }): Effect.Effect<void, RegionError>
  receiveRotationSettings(keyId: string, rotation: RotationSettingsInTransit): Effect.Effect<void, RegionError>
  /** On the primary: a replica in `region` was deleted. */
  replicaGone(keyId: string, region: string): Effect.Effect<void, RegionError>
}

/**
 * The other Regions of this Region's account that the deployment hosts. A
 * lone Region (tests, a single-Region server) has none: ReplicateKey then
 * finds no Region to replicate to.
 */
export const ReplicationPeers = Context.Reference<{
  readonly regions: ReadonlyArray<string>
  peer(region: string): Effect.Effect<ReplicaEndpoint | undefined, unknown>
}>("@trent/replication/ReplicationPeers", {
  defaultValue: () => ({ regions: [], peer: () => Effect.succeed(undefined) })
})
