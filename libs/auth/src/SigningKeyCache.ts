import type { KeyObject } from "node:crypto"

/**
 * Derived signing keys by (access key id, date, region). Deriving one costs
 * four HMACs; a server verifying thousands of requests a second sees the same
 * few keys all day. Bounded: past `capacity` entries the least recently used
 * key is dropped. (A KeyObject cannot be zeroed; dropped, it is freed with its
 * last reference. See deriveSigningKey for why the key is a KeyObject.)
 */
export class SigningKeyCache {
  readonly #capacity: number
  readonly #keys = new Map<string, KeyObject>()

  constructor(capacity = 1024) {
    this.#capacity = capacity
  }

  get size(): number {
    return this.#keys.size
  }

  get(accessKeyId: string, date: string, region: string, derive: () => KeyObject): KeyObject {
    // "/" cannot occur in any part: they come from the slash-delimited credential.
    const id = `${accessKeyId}/${date}/${region}`
    const cached = this.#keys.get(id)
    if (cached !== undefined) {
      // Re-inserted to mark it most recently used (a Map iterates in insertion order).
      this.#keys.delete(id)
      this.#keys.set(id, cached)
      return cached
    }
    const key = derive()
    this.#keys.set(id, key)
    if (this.#keys.size > this.#capacity) this.#keys.delete(this.#keys.keys().next().value!)
    return key
  }

  /** Forgets every key (the layer's release). */
  clear(): void {
    this.#keys.clear()
  }
}
