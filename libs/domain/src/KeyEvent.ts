import { Schema } from "effect"
import { ExpirationModel, KeySpec, KeyUsage, Origin, RotationType } from "./KeySpec.ts"
import { WrappedMaterial } from "./KeyMaterial.ts"
import { Grant } from "./Grant.ts"
import { Tag } from "./Tag.ts"

/**
 * Past-tense facts about one key (the payloads of the log's envelopes). Times
 * are epoch milliseconds carried in the payload, so `evolve` needs no clock.
 * A released schema is never edited: a change is a new schemaVersion plus an
 * upcaster at the decode edge.
 */
export const KeyCreatedEvent = Schema.TaggedStruct("KeyCreated", {
  keyId: Schema.String,
  partition: Schema.String,
  account: Schema.String,
  region: Schema.String,
  keySpec: KeySpec,
  keyUsage: KeyUsage,
  origin: Origin,
  multiRegion: Schema.Boolean,
  description: Schema.String,
  policy: Schema.String,
  tags: Schema.Array(Tag),
  material: WrappedMaterial,
  createdAt: Schema.Number
})
/**
 * AWS manages the key for a service: an AWS managed key (`alias/aws/<service>`),
 * created on first use with KeyManager AWS. Appended with its KeyCreated.
 */
export const KeyManagedByAwsEvent = Schema.TaggedStruct("KeyManagedByAws", { at: Schema.Number, service: Schema.String })
/**
 * The key is in an external key store: every encryption under it is Trent's
 * own material, then the external key through the store's proxy (double
 * encryption, "External key stores", Developer Guide). Appended with its KeyCreated.
 */
export const KeyPlacedInCustomKeyStoreEvent = Schema.TaggedStruct("KeyPlacedInCustomKeyStore", {
  at: Schema.Number,
  customKeyStoreId: Schema.String,
  xksKeyId: Schema.String
})
export const KeyEnabledEvent = Schema.TaggedStruct("KeyEnabled", { at: Schema.Number })
export const KeyDisabledEvent = Schema.TaggedStruct("KeyDisabled", { at: Schema.Number })
export const KeyDeletionScheduledEvent = Schema.TaggedStruct("KeyDeletionScheduled", {
  at: Schema.Number,
  deletionDate: Schema.Number,
  pendingWindowInDays: Schema.Number
})
export const KeyDeletionCancelledEvent = Schema.TaggedStruct("KeyDeletionCancelled", { at: Schema.Number })
export const KeyMaterialDestroyedEvent = Schema.TaggedStruct("KeyMaterialDestroyed", { at: Schema.Number })
export const KeyDescriptionUpdatedEvent = Schema.TaggedStruct("KeyDescriptionUpdated", {
  at: Schema.Number,
  description: Schema.String
})
export const KeyRotationEnabledEvent = Schema.TaggedStruct("KeyRotationEnabled", {
  at: Schema.Number,
  rotationPeriodInDays: Schema.Number,
  nextRotationAt: Schema.Number
})
export const KeyRotationDisabledEvent = Schema.TaggedStruct("KeyRotationDisabled", { at: Schema.Number })
export const KeyRotatedEvent = Schema.TaggedStruct("KeyRotated", {
  at: Schema.Number,
  rotationType: RotationType,
  material: WrappedMaterial,
  /** For AUTOMATIC rotations, the next due date; on-demand rotations leave the schedule unchanged. */
  nextRotationAt: Schema.NullOr(Schema.Number)
})
export const KeyTaggedEvent = Schema.TaggedStruct("KeyTagged", { at: Schema.Number, tags: Schema.Array(Tag) })
export const KeyUntaggedEvent = Schema.TaggedStruct("KeyUntagged", {
  at: Schema.Number,
  tagKeys: Schema.Array(Schema.String)
})
export const KeyPolicyPutEvent = Schema.TaggedStruct("KeyPolicyPut", {
  at: Schema.Number,
  policyName: Schema.String,
  policy: Schema.String
})
/** Grants are events in the key's log (https://docs.aws.amazon.com/kms/latest/developerguide/grants.html); the grant token is never recorded. */
export const GrantCreatedEvent = Schema.TaggedStruct("GrantCreated", { at: Schema.Number, grant: Grant })
export const GrantRetiredEvent = Schema.TaggedStruct("GrantRetired", {
  at: Schema.Number,
  grantId: Schema.String,
  /** The principal that retired it. */
  retiredBy: Schema.String
})
export const GrantRevokedEvent = Schema.TaggedStruct("GrantRevoked", { at: Schema.Number, grantId: Schema.String })

/** How imported material expires (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html); absent for generated material. */
export const ImportedMaterial = Schema.Struct({
  expirationModel: ExpirationModel,
  validTo: Schema.NullOr(Schema.Number),
  description: Schema.NullOr(Schema.String)
})
export type ImportedMaterial = typeof ImportedMaterial.Type

/**
 * One backing key version carried by a replica's first event: the material is
 * wrapped under the *replica* Region's KEK (re-wrapped in memory, never copied
 * between logs in clear). Empty `wrapped` means imported material the replica
 * still awaits.
 */
export const ReplicatedVersion = Schema.Struct({
  materialId: Schema.String,
  wrapped: Schema.Uint8ArrayFromBase64,
  createdAt: Schema.Number,
  rotationType: Schema.NullOr(RotationType),
  imported: Schema.NullOr(ImportedMaterial)
})
export type ReplicatedVersion = typeof ReplicatedVersion.Type

export const RotationSettingsPayload = Schema.Struct({
  enabled: Schema.Boolean,
  periodInDays: Schema.NullOr(Schema.Number),
  nextRotationAt: Schema.NullOr(Schema.Number)
})

/** A multi-Region replica's first event, in the replica Region's log (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html). */
export const ReplicaKeyCreatedEvent = Schema.TaggedStruct("ReplicaKeyCreated", {
  keyId: Schema.String,
  partition: Schema.String,
  account: Schema.String,
  region: Schema.String,
  primaryRegion: Schema.String,
  replicaRegions: Schema.Array(Schema.String),
  keySpec: KeySpec,
  keyUsage: KeyUsage,
  origin: Origin,
  description: Schema.String,
  policy: Schema.String,
  tags: Schema.Array(Tag),
  versions: Schema.Array(ReplicatedVersion),
  rotation: RotationSettingsPayload,
  createdAt: Schema.Number
})
/** Membership of a multi-Region key changed (replica added or gone, primary moved); every member's log records it. */
export const MultiRegionConfigurationUpdatedEvent = Schema.TaggedStruct("MultiRegionConfigurationUpdated", {
  at: Schema.Number,
  primaryRegion: Schema.String,
  replicaRegions: Schema.Array(Schema.String)
})
/** ScheduleKeyDeletion on a primary that still has replicas: its window starts when the last replica is gone (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html). */
export const KeyReplicaDeletionAwaitedEvent = Schema.TaggedStruct("KeyReplicaDeletionAwaited", {
  at: Schema.Number,
  pendingWindowInDays: Schema.Number
})
/** Imported material, wrapped under the key's KEK; `pendingRotation` for NEW_KEY_MATERIAL awaiting RotateKeyOnDemand. */
export const KeyMaterialImportedEvent = Schema.TaggedStruct("KeyMaterialImported", {
  at: Schema.Number,
  material: WrappedMaterial,
  imported: ImportedMaterial,
  pendingRotation: Schema.Boolean
})
/** DeleteImportedKeyMaterial, or the material's ValidTo passed (`expired`). The material id stays, awaiting re-import. */
export const ImportedKeyMaterialDeletedEvent = Schema.TaggedStruct("ImportedKeyMaterialDeleted", {
  at: Schema.Number,
  materialId: Schema.String,
  expired: Schema.Boolean
})

export const KeyEvent = Schema.Union([
  KeyCreatedEvent,
  KeyEnabledEvent,
  KeyDisabledEvent,
  KeyDeletionScheduledEvent,
  KeyDeletionCancelledEvent,
  KeyMaterialDestroyedEvent,
  KeyDescriptionUpdatedEvent,
  KeyRotationEnabledEvent,
  KeyRotationDisabledEvent,
  KeyRotatedEvent,
  KeyTaggedEvent,
  KeyUntaggedEvent,
  KeyPolicyPutEvent,
  GrantCreatedEvent,
  GrantRetiredEvent,
  GrantRevokedEvent,
  ReplicaKeyCreatedEvent,
  MultiRegionConfigurationUpdatedEvent,
  KeyReplicaDeletionAwaitedEvent,
  KeyMaterialImportedEvent,
  ImportedKeyMaterialDeletedEvent,
  KeyManagedByAwsEvent,
  KeyPlacedInCustomKeyStoreEvent
])
export type KeyEvent = typeof KeyEvent.Type
export type KeyEventType = KeyEvent["_tag"]

/** Current schema version of every key event type. */
export const KEY_EVENT_SCHEMA_VERSION = 1

