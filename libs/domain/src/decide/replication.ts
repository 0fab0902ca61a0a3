import { DAY_MS, isReplica, type Key, type LiveKey, type Replication } from "../Key.ts"
import type { KeyEvent } from "../KeyEvent.ts"
import type {
  CreateReplicaKey,
  ReplicateMaterial,
  SyncRotationSettings,
  UpdateMultiRegionConfiguration
} from "../KeyCommand.ts"
import { type KeyRejection, ResourceAlreadyExists, UnsupportedOperation } from "../KeyErrors.ts"
import { checkPolicyDocument, defaultKeyPolicy } from "../KeyPolicy.ts"
import { checkTags } from "../Tag.ts"
import { checkDescription } from "./checkDescription.ts"
import { arnOf, notFound } from "./requireKey.ts"

type Outcome = ReadonlyArray<KeyEvent> | KeyRejection

/** The replica Region's first event for a multi-Region key (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html). */
export const decideCreateReplicaKey = (state: Key, command: typeof CreateReplicaKey.Type): Outcome => {
  // A replica deleted earlier (Destroyed) may be made again: its stream keeps the old life as history.
  if (state.status !== "Absent" && state.status !== "Destroyed") {
    return new ResourceAlreadyExists({ message: `Replica key ${arnOf(state)} already exists.` })
  }
  const rejection = checkDescription(command.description) ?? checkTags([], command.tags) ??
    (command.policy === undefined ? undefined : checkPolicyDocument(command.policy))
  if (rejection !== undefined) return rejection
  return [{
    _tag: "ReplicaKeyCreated",
    keyId: command.keyId,
    partition: command.partition,
    account: command.account,
    region: command.region,
    primaryRegion: command.primaryRegion,
    replicaRegions: command.replicaRegions,
    keySpec: command.keySpec,
    keyUsage: command.keyUsage,
    origin: command.origin,
    description: command.description,
    policy: command.policy ?? defaultKeyPolicy(command),
    tags: command.tags,
    versions: command.versions,
    rotation: command.rotation,
    createdAt: command.now
  }]
}

const sameRegions = (a: ReadonlyArray<string>, b: ReadonlyArray<string>) =>
  a.length === b.length && a.every((region, index) => region === b[index])

/**
 * A membership change reaching one member. A primary waiting in
 * PendingReplicaDeletion starts its deletion window when its last replica is
 * gone (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html).
 */
export const decideUpdateMultiRegionConfiguration = (
  state: Key,
  command: typeof UpdateMultiRegionConfiguration.Type
): Outcome => {
  if (state.status === "Absent" || state.status === "Destroyed") return notFound(state)
  const current = state.key.replication
  if (current === undefined) return new UnsupportedOperation({ message: `${arnOf(state)} is not a multi-Region key.` })
  const events: Array<KeyEvent> = []
  if (current.primaryRegion !== command.primaryRegion || !sameRegions(current.replicaRegions, command.replicaRegions)) {
    events.push({
      _tag: "MultiRegionConfigurationUpdated",
      at: command.now,
      primaryRegion: command.primaryRegion,
      replicaRegions: command.replicaRegions
    })
  }
  if (state.status === "PendingReplicaDeletion" && command.replicaRegions.length === 0) {
    events.push({
      _tag: "KeyDeletionScheduled",
      at: command.now,
      deletionDate: command.now + state.pendingWindowInDays * DAY_MS,
      pendingWindowInDays: state.pendingWindowInDays
    })
  }
  return events
}

/** A primary's backing version reaching a replica; one it already holds changes nothing. */
export const decideReplicateMaterial = (state: Key, command: typeof ReplicateMaterial.Type): Outcome => {
  if (state.status === "Absent" || state.status === "Destroyed") return notFound(state)
  if (state.key.versions.some((v) => v.materialId === command.material.materialId)) return []
  return [{
    _tag: "KeyRotated",
    at: command.rotatedAt,
    rotationType: command.rotationType,
    material: command.material,
    nextRotationAt: command.nextRotationAt
  }]
}

/** The primary's automatic-rotation settings, mirrored on a replica. */
export const decideSyncRotationSettings = (state: Key, command: typeof SyncRotationSettings.Type): Outcome => {
  if (state.status === "Absent" || state.status === "Destroyed") return notFound(state)
  const { rotation } = state.key
  const wanted = command.rotation
  if (!wanted.enabled) return rotation.enabled ? [{ _tag: "KeyRotationDisabled", at: command.now }] : []
  if (
    rotation.enabled && rotation.periodInDays === (wanted.periodInDays ?? undefined) &&
    rotation.nextRotationAt === (wanted.nextRotationAt ?? undefined)
  ) return []
  return [{
    _tag: "KeyRotationEnabled",
    at: command.now,
    rotationPeriodInDays: wanted.periodInDays ?? 365,
    nextRotationAt: wanted.nextRotationAt ?? command.now
  }]
}

/** Replicas follow their primary's rotation; asking a replica directly is refused (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html). */
export const refuseOnReplica = (state: Key): UnsupportedOperation | undefined =>
  state.status !== "Absent" && state.status !== "Destroyed" && isReplica(state.key)
    ? new UnsupportedOperation({
      message: `${arnOf(state)} is a multi-Region replica key. Run this operation on its primary key in ${state.key.replication!.primaryRegion}.`
    })
    : undefined

/**
 * The membership ReplicateKey extends: only a multi-Region primary key can be
 * replicated ("The KMS key that you use for this operation must be a
 * multi-Region primary key", ReplicateKey,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html).
 * AWS refuses a replica with `<key ARN> is not a multi-region primary key.`
 */
export const membershipToReplicate = (state: LiveKey): Replication | UnsupportedOperation => {
  const { replication } = state.key
  if (replication === undefined) return new UnsupportedOperation({ message: `${arnOf(state)} is not a multi-Region key.` })
  if (isReplica(state.key)) return new UnsupportedOperation({ message: `${arnOf(state)} is not a multi-region primary key.` })
  return replication
}
