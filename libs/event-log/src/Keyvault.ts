import { Context, Layer } from "effect"
import type { Effect, Option } from "effect"
import type { EventLogFailure } from "./EventLogFailure.ts"
import { makeMemoryKeyvault } from "./MemoryKeyvault.ts"
import { makeSqliteKeyvault } from "./SqliteKeyvault.ts"

/**
 * A Region's per-key KEKs, already wrapped under the Region's root key by the
 * caller: this store only holds bytes. Unlike the log it is mutable and its
 * deletes are real, which is what makes deleting a key crypto-shredding
 * (NIST SP 800-88 Rev. 1, "Cryptographic Erase").
 */
export class Keyvault extends Context.Service<Keyvault, {
  /** Stores the wrapped KEK of `keyId`, replacing any earlier one (root key rotation re-wraps). */
  put(keyId: string, wrappedKek: Uint8Array): Effect.Effect<void, EventLogFailure>
  /** A copy of the wrapped KEK of `keyId`, if it has one. */
  get(keyId: string): Effect.Effect<Option.Option<Uint8Array>, EventLogFailure>
  /** Deletes the wrapped KEK of `keyId` so that its bytes are gone from the store, not just unlinked. */
  remove(keyId: string): Effect.Effect<void, EventLogFailure>
  /** The ids of every entry, sorted: what re-wrapping under a new root key walks. */
  ids(): Effect.Effect<ReadonlyArray<string>, EventLogFailure>
}>()("@trent/event-log/Keyvault") {
  /**
   * A SQLite file of its own, separate from the log, with `secure_delete` on
   * and a WAL checkpoint (TRUNCATE) after every remove.
   */
  static layerSqlite(options: { readonly file: string }): Layer.Layer<Keyvault, EventLogFailure> {
    return Layer.effect(Keyvault, makeSqliteKeyvault(options))
  }

  static readonly layerMemory: Layer.Layer<Keyvault> = Layer.effect(Keyvault, makeMemoryKeyvault)
}
