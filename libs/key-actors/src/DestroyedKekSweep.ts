import { decodeKeySnapshot } from "@trent/domain"
import { EventLog, Keyvault } from "@trent/event-log"
import { Effect, Option } from "effect"
import { KeyEncryptionKeys } from "./KeyEncryptionKeys.ts"
import { RegionInternalError } from "./RegionErrors.ts"

const PAGE = 500

/** Every status of a stored key but Destroyed (KeySnapshot.ts). */
const notDestroyed: ReadonlySet<unknown> = new Set(["Absent", "Enabled", "Disabled", "PendingDeletion", "PendingImport", "PendingReplicaDeletion"])

/**
 * Whether a stored state plainly names a status other than Destroyed: such a row needs no KEK
 * check, and decoding all of it would make every start read every key in full. Its row is decoded,
 * and reported if it does not decode, when its key is loaded (KeyActors.ts); any other row,
 * Destroyed or not of that shape, is decoded here.
 */
const plainlyNotDestroyed = (state: unknown): boolean =>
  typeof state === "object" && state !== null && notDestroyed.has((state as { readonly status?: unknown }).status)

/**
 * Finishes every crypto-shredding a crash interrupted: a key whose log ends in
 * `KeyMaterialDestroyed` has no KEK left in the keyvault once the Region has
 * started. Deleting a key appends the event and then removes the KEK
 * (ARCHITECTURE.md, "Keys, versions and material"); a crash between the two
 * would otherwise leave the KEK on disk until that key is next loaded, which
 * for a destroyed key may be never. Only KEKs still present are removed.
 */
export const sweepDestroyedKeks = Effect.gen(function*() {
  const eventLog = yield* EventLog
  const keyvault = yield* Keyvault
  const keks = yield* KeyEncryptionKeys
  const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })
  let swept = 0
  let after: string | undefined
  for (;;) {
    const rows = yield* eventLog.listStates("key", after, PAGE).pipe(Effect.mapError(internal("listing the keys failed")))
    for (const row of rows) {
      if (plainlyNotDestroyed(row.state)) continue
      const state = yield* Effect.try({ try: () => decodeKeySnapshot(row.state), catch: internal(`the stored state of ${row.streamId} does not decode`) })
      if (state.status !== "Destroyed") continue
      const kek = yield* keyvault.get(row.streamId).pipe(Effect.mapError(internal(`reading the KEK of ${row.streamId} failed`)))
      if (Option.isNone(kek)) continue
      yield* keks.destroy(row.streamId)
      swept++
    }
    if (rows.length < PAGE) break
    after = rows.at(-1)!.streamId
  }
  if (swept > 0) yield* Effect.logWarning(`removed ${swept} KEK(s) of destroyed keys that a crash had left in the keyvault`)
})
