import { Schema } from "effect"

/**
 * One backing key version as the log holds it: its id (AWS KeyMaterialId, 64
 * hex) and the material wrapped under the key's KEK (AES-256-GCM, AAD binding
 * region, key id, version and algorithm). Never plaintext.
 */
export const WrappedMaterial = Schema.Struct({
  materialId: Schema.String,
  wrapped: Schema.Uint8ArrayFromBase64
})
export type WrappedMaterial = typeof WrappedMaterial.Type
