export * from "./AliasDirectory.ts"
export * from "./AuditSiblings.ts"
export * from "./Region.ts"
export * from "./RegionApi.ts"
export * from "./SchedulerLease.ts"
export * from "./AppendPublisher.ts"
export type { StreamMark } from "./LogFollower.ts"
export * from "./xksOperations.ts"
export type { SeedKey, SeedOutcome } from "./seedOperations.ts"

// Moved to @trent/key-actors and @trent/replication; re-exported so that runtime's consumers keep their imports.
export { Freshness, type FreshnessReport } from "@trent/key-actors"
export { forgetSecrets, type KeyActor, type KeyView, makeKeyActor } from "@trent/key-actors"
export { type Executed, KeyActors, mustAccept } from "@trent/key-actors"
export { KeyMaterials, materialBinding, type NewMaterial } from "@trent/key-actors"
export { defaultRegionSettings, RegionConfig, type RegionSettings } from "@trent/key-actors"
export { AccessDenied, type RegionError, RegionInternalError } from "@trent/key-actors"
export { RegionWriterSlot } from "@trent/key-actors"
export {
  type Caller,
  currentCaller,
  currentRequest,
  isSystemActor,
  MissingRequestContext,
  RequestContext,
  type RequestInfo,
  type SystemActor,
  systemRequest
} from "@trent/key-actors"
export { rewrapRootKey, RewrapRefused, type RewrapOutcome } from "@trent/key-actors"
export {
  type MemberState,
  type ReplicaCreated,
  type ReplicaEndpoint,
  type ReplicaRequest,
  ReplicationPeers,
  type RotationSettingsInTransit,
  type VersionInTransit
} from "@trent/replication"
