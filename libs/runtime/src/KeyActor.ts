import type { SecretBytes } from "@trent/crypto"
import type { Key } from "@trent/domain"
import { Semaphore } from "effect"
import type { ResidentMaterial } from "./ResidentMaterial.ts"

/**
 * One key, resident in memory: its folded state and the stream's last seq,
 * plus the plaintext KEK and the material versions unwrapped so far, each
 * imported once as the resident key of its spec (memory is the only place
 * they exist in clear). `lock` serializes state changes; crypto
 * operations read `state` without it and run concurrently. `busy` counts the
 * operations holding the actor, which must not be evicted under them.
 */
export interface KeyActor {
  readonly keyId: string
  state: Key
  seq: number
  kek: SecretBytes | undefined
  readonly materials: Map<string, ResidentMaterial>
  readonly lock: Semaphore.Semaphore
  busy: number
  lastUsedAt: number
}

export const makeKeyActor = (keyId: string, state: Key, seq: number, now: number): KeyActor => ({
  keyId,
  state,
  seq,
  kek: undefined,
  materials: new Map(),
  lock: Semaphore.makeUnsafe(1),
  busy: 0,
  lastUsedAt: now
})

/**
 * Forgets the actor's plaintext secrets, zeroing the KEK (imported material
 * keys are WebCrypto's to free). Only for an actor nobody holds.
 */
export const forgetSecrets = (actor: KeyActor): void => {
  actor.materials.clear()
  actor.kek?.destroy()
  actor.kek = undefined
}
