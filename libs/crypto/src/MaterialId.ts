import { Effect, Result } from "effect"
import { Hex } from "effect/encoding"
import { randomBytes } from "./RandomBytes.ts"
import type { WebCrypto } from "./WebCrypto.ts"

/**
 * A backing key version's id, in AWS's KeyMaterialId format: 64 lowercase hex
 * characters naming 32 random bytes. Ciphertext blobs carry the 32 raw bytes.
 */
export const MATERIAL_ID_BYTES = 32

const materialIdPattern = /^[0-9a-f]{64}$/

export const isMaterialId = (value: string): boolean => materialIdPattern.test(value)

export const generateMaterialId: Effect.Effect<string, never, WebCrypto> = Effect.map(
  randomBytes(MATERIAL_ID_BYTES),
  Hex.encode
)

/** The 32 raw bytes of a material id; callers check {@link isMaterialId} first. */
export const materialIdToBytes = (materialId: string): Uint8Array =>
  Result.getOrThrowWith(Hex.decode(materialId), () => new Error("materialId is not hex"))

export const materialIdFromBytes = (bytes: Uint8Array): string => Hex.encode(bytes)
