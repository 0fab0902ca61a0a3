import { Schema } from "effect"
import { ImportedMaterial, ReplicatedVersion, RotationSettingsPayload } from "./KeyEvent.ts"
import { ImportTypes, KeySpec, KeyUsage, Origin, RotationType } from "./KeySpec.ts"
import { WrappedMaterial } from "./KeyMaterial.ts"
import { Grant } from "./Grant.ts"
import { Tag } from "./Tag.ts"

/**
 * Commands to one key. Everything `decide` needs arrives as data: the time
 * (`now`, epoch ms), fresh ids, and freshly generated material already wrapped
 * under the key's KEK. `decide` never reads a clock or a random source.
 */
export const CreateKey = Schema.TaggedStruct("CreateKey", {
  now: Schema.Number,
  keyId: Schema.String,
  partition: Schema.String,
  account: Schema.String,
  region: Schema.String,
  keySpec: KeySpec,
  keyUsage: KeyUsage,
  origin: Origin,
  multiRegion: Schema.Boolean,
  description: Schema.String,
  policy: Schema.optional(Schema.String),
  tags: Schema.Array(Tag),
  material: WrappedMaterial,
  /** Trent creating an AWS managed key for this service (never a caller's CreateKey). */
  awsManagedFor: Schema.optional(Schema.String),
  /** Origin EXTERNAL_KEY_STORE: the connected store and the external key the proxy confirmed. */
  customKeyStore: Schema.optional(Schema.Struct({ customKeyStoreId: Schema.String, xksKeyId: Schema.String }))
})
export const EnableKey = Schema.TaggedStruct("EnableKey", { now: Schema.Number })
export const DisableKey = Schema.TaggedStruct("DisableKey", { now: Schema.Number })
export const ScheduleKeyDeletion = Schema.TaggedStruct("ScheduleKeyDeletion", {
  now: Schema.Number,
  pendingWindowInDays: Schema.optional(Schema.Number)
})
export const CancelKeyDeletion = Schema.TaggedStruct("CancelKeyDeletion", { now: Schema.Number })
export const UpdateKeyDescription = Schema.TaggedStruct("UpdateKeyDescription", {
  now: Schema.Number,
  description: Schema.String
})
export const EnableKeyRotation = Schema.TaggedStruct("EnableKeyRotation", {
  now: Schema.Number,
  rotationPeriodInDays: Schema.optional(Schema.Number)
})
export const DisableKeyRotation = Schema.TaggedStruct("DisableKeyRotation", { now: Schema.Number })
export const RotateKeyOnDemand = Schema.TaggedStruct("RotateKeyOnDemand", {
  now: Schema.Number,
  material: WrappedMaterial
})
/** Issued by the Region's scheduler: rotate if automatic rotation is due, destroy if the deletion window ended. */
export const RunScheduledWork = Schema.TaggedStruct("RunScheduledWork", {
  now: Schema.Number,
  material: WrappedMaterial
})
export const TagResource = Schema.TaggedStruct("TagResource", { now: Schema.Number, tags: Schema.Array(Tag) })
export const UntagResource = Schema.TaggedStruct("UntagResource", {
  now: Schema.Number,
  tagKeys: Schema.Array(Schema.String)
})
export const PutKeyPolicy = Schema.TaggedStruct("PutKeyPolicy", {
  now: Schema.Number,
  policyName: Schema.optional(Schema.String),
  policy: Schema.String
})
/** The grant arrives complete: its fresh id, issuing account and time are data (https://docs.aws.amazon.com/kms/latest/developerguide/grants.html). */
export const CreateGrant = Schema.TaggedStruct("CreateGrant", { now: Schema.Number, grant: Grant })
export const RetireGrant = Schema.TaggedStruct("RetireGrant", {
  now: Schema.Number,
  grantId: Schema.String,
  retiredBy: Schema.String
})
export const RevokeGrant = Schema.TaggedStruct("RevokeGrant", { now: Schema.Number, grantId: Schema.String })

/** The replica Region's side of ReplicateKey: its versions arrive re-wrapped under its own KEK (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html). */
export const CreateReplicaKey = Schema.TaggedStruct("CreateReplicaKey", {
  now: Schema.Number,
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
  policy: Schema.optional(Schema.String),
  tags: Schema.Array(Tag),
  versions: Schema.Array(ReplicatedVersion),
  rotation: RotationSettingsPayload
})
export const UpdateMultiRegionConfiguration = Schema.TaggedStruct("UpdateMultiRegionConfiguration", {
  now: Schema.Number,
  primaryRegion: Schema.String,
  replicaRegions: Schema.Array(Schema.String)
})
/** A primary's new backing version reaching a replica, re-wrapped under the replica's KEK. */
export const ReplicateMaterial = Schema.TaggedStruct("ReplicateMaterial", {
  now: Schema.Number,
  material: WrappedMaterial,
  rotationType: RotationType,
  rotatedAt: Schema.Number,
  nextRotationAt: Schema.NullOr(Schema.Number)
})
/** The primary's automatic-rotation settings, mirrored on a replica (which reports them but never acts on them). */
export const SyncRotationSettings = Schema.TaggedStruct("SyncRotationSettings", {
  now: Schema.Number,
  rotation: RotationSettingsPayload
})
/** Material already unwrapped from the import token's key and re-wrapped under the key's KEK; its id derives from it. */
export const ImportKeyMaterial = Schema.TaggedStruct("ImportKeyMaterial", {
  now: Schema.Number,
  material: WrappedMaterial,
  imported: ImportedMaterial,
  importType: Schema.optional(Schema.Literals(ImportTypes)),
  keyMaterialId: Schema.optional(Schema.String)
})
export const DeleteImportedKeyMaterial = Schema.TaggedStruct("DeleteImportedKeyMaterial", {
  now: Schema.Number,
  keyMaterialId: Schema.optional(Schema.String)
})

export const KeyCommand = Schema.Union([
  CreateKey,
  EnableKey,
  DisableKey,
  ScheduleKeyDeletion,
  CancelKeyDeletion,
  UpdateKeyDescription,
  EnableKeyRotation,
  DisableKeyRotation,
  RotateKeyOnDemand,
  RunScheduledWork,
  TagResource,
  UntagResource,
  PutKeyPolicy,
  CreateGrant,
  RetireGrant,
  RevokeGrant,
  CreateReplicaKey,
  UpdateMultiRegionConfiguration,
  ReplicateMaterial,
  SyncRotationSettings,
  ImportKeyMaterial,
  DeleteImportedKeyMaterial
])
export type KeyCommand = typeof KeyCommand.Type
