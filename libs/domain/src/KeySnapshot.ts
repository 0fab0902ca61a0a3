import { Effect, Schema } from "effect"
import { Grant } from "./Grant.ts"
import type { Key } from "./Key.ts"
import { ImportedMaterial } from "./KeyEvent.ts"
import { KeySpec, KeyUsage, Origin, RotationType } from "./KeySpec.ts"
import { Tag } from "./Tag.ts"

/**
 * The key state as the store's `key_state` row holds it (JSON, bytes in
 * base64). Loading an actor from its snapshot must give exactly the state that
 * folding its events gives; a property test holds the two together.
 */
const KeyVersionSnapshot = Schema.Struct({
  materialId: Schema.String,
  wrapped: Schema.Uint8ArrayFromBase64,
  createdAt: Schema.Number,
  rotationType: Schema.optional(RotationType),
  imported: Schema.optional(ImportedMaterial)
})

const KeyRecordSnapshot = Schema.Struct({
  keyId: Schema.String,
  partition: Schema.String,
  account: Schema.String,
  region: Schema.String,
  keySpec: KeySpec,
  keyUsage: KeyUsage,
  origin: Origin,
  multiRegion: Schema.Boolean,
  createdAt: Schema.Number,
  description: Schema.String,
  policy: Schema.String,
  tags: Schema.Array(Tag),
  rotation: Schema.Struct({
    enabled: Schema.Boolean,
    periodInDays: Schema.optional(Schema.Number),
    nextRotationAt: Schema.optional(Schema.Number)
  }),
  onDemandRotations: Schema.Number,
  versions: Schema.Array(KeyVersionSnapshot),
  // Rows written before grants existed have none.
  grants: Schema.Array(Grant).pipe(Schema.withDecodingDefault(Effect.succeed([]))),
  replication: Schema.optional(Schema.Struct({ primaryRegion: Schema.String, replicaRegions: Schema.Array(Schema.String) })),
  pendingRotation: Schema.optional(KeyVersionSnapshot),
  customKeyStore: Schema.optional(Schema.Struct({ customKeyStoreId: Schema.String, xksKeyId: Schema.String }))
})

export const KeySnapshot = Schema.Union([
  Schema.Struct({ status: Schema.Literal("Absent") }),
  Schema.Struct({ status: Schema.Literal("Enabled"), key: KeyRecordSnapshot }),
  Schema.Struct({ status: Schema.Literal("Disabled"), key: KeyRecordSnapshot }),
  Schema.Struct({
    status: Schema.Literal("PendingDeletion"),
    key: KeyRecordSnapshot,
    deletionDate: Schema.Number,
    pendingWindowInDays: Schema.Number
  }),
  Schema.Struct({ status: Schema.Literal("PendingImport"), key: KeyRecordSnapshot }),
  Schema.Struct({
    status: Schema.Literal("PendingReplicaDeletion"),
    key: KeyRecordSnapshot,
    pendingWindowInDays: Schema.Number
  }),
  Schema.Struct({ status: Schema.Literal("Destroyed"), key: KeyRecordSnapshot, destroyedAt: Schema.Number })
])

// Every Key is a valid snapshot. The other direction differs only in that an
// absent optional field decodes as a missing key rather than a key holding
// undefined, which reads the same; `decodeKeySnapshot` states that once.
const everyKeyIsASnapshot = (key: Key): typeof KeySnapshot.Type => key
void everyKeyIsASnapshot

const encode = Schema.encodeSync(KeySnapshot)

/** A plain JSON value: absent optional fields are left out rather than stored as undefined. */
export const encodeKeySnapshot = (key: Key): unknown => JSON.parse(JSON.stringify(encode(key)))
// Made once: a decoder made per call costs more than the decode (a Region start reads every row).
const decode = Schema.decodeUnknownSync(KeySnapshot)
export const decodeKeySnapshot = (json: unknown): Key => decode(json) as Key
