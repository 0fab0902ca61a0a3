import { Effect, Option } from "effect"
import type { Keyvault } from "./Keyvault.ts"
import { needsKeyId, needsWrappedKek } from "./keyvaultPreconditions.ts"

/**
 * The Keyvault in memory, for unit tests. Holds copies, hands out copies, and
 * zeroes what it drops, like the SQLite adapter's secure delete.
 */
export const makeMemoryKeyvault: Effect.Effect<Keyvault["Service"]> = Effect.sync(() => {
  const keks = new Map<string, Uint8Array>()

  const drop = (keyId: string): void => {
    keks.get(keyId)?.fill(0)
    keks.delete(keyId)
  }

  return {
    put: Effect.fn("Keyvault.put")((keyId: string, wrappedKek: Uint8Array) =>
      Effect.sync(() => {
        needsKeyId(keyId)
        needsWrappedKek(wrappedKek)
        drop(keyId)
        keks.set(keyId, Uint8Array.from(wrappedKek))
      })
    ),
    get: Effect.fn("Keyvault.get")((keyId: string) =>
      Effect.sync(() => {
        needsKeyId(keyId)
        return Option.map(Option.fromUndefinedOr(keks.get(keyId)), (kek) => Uint8Array.from(kek))
      })
    ),
    remove: Effect.fn("Keyvault.remove")((keyId: string) =>
      Effect.sync(() => {
        needsKeyId(keyId)
        drop(keyId)
      })
    ),
    ids: Effect.fn("Keyvault.ids")(() => Effect.sync(() => [...keks.keys()].sort()))
  }
})
