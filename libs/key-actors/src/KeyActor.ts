import type { SecretBytes } from "@trent/crypto"
import type { Key } from "@trent/domain"
import { Semaphore } from "effect"
import type { ResidentMaterial } from "./ResidentMaterial.ts"

/**
 * What callers see of a key: its folded state and the stream's last seq, as
 * they stood when read. Immutable: a later change makes a new view, and
 * nothing outside KeyActors ever writes a key's state.
 */
export interface KeyView {
  readonly keyId: string
  readonly state: Key
  readonly seq: number
}

/**
 * One key, resident in memory, owned by KeyActors alone: the current view
 * (replaced by this process's commits and by the events other writers append,
 * which the Region's log follower applies), plus the plaintext KEK and the
 * material versions unwrapped so far, each imported once as the resident key
 * of its spec (memory is the only place they exist in clear). `lock`
 * serializes decide → append → evolve; crypto operations read the view without
 * it and run concurrently. `busy` counts the calls using the actor's secrets,
 * which must not be forgotten under them.
 */
export interface KeyActor {
  view: KeyView
  kek: SecretBytes | undefined
  readonly materials: Map<string, ResidentMaterial>
  readonly lock: Semaphore.Semaphore
  busy: number
  lastUsedAt: number
}

export const makeKeyActor = (view: KeyView, now: number): KeyActor => ({
  view,
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
