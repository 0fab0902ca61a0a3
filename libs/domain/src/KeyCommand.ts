import { Schema } from "effect"
import { KeySpec, KeyUsage, Origin } from "./KeySpec.ts"
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
  material: WrappedMaterial
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
/** The grant arrives complete: its fresh id, issuing account and time are data (aws-kms-api.md §3.7, §7.5). */
export const CreateGrant = Schema.TaggedStruct("CreateGrant", { now: Schema.Number, grant: Grant })
export const RetireGrant = Schema.TaggedStruct("RetireGrant", {
  now: Schema.Number,
  grantId: Schema.String,
  retiredBy: Schema.String
})
export const RevokeGrant = Schema.TaggedStruct("RevokeGrant", { now: Schema.Number, grantId: Schema.String })

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
  RevokeGrant
])
export type KeyCommand = typeof KeyCommand.Type
