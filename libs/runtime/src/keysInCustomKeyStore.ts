import { type CustomKeyStoreBinding, decodeKeySnapshot } from "@trent/domain"
import { EventLog } from "@trent/event-log"
import { Effect } from "effect"
import { RegionInternalError } from "@trent/key-actors"

const PAGE = 500

/**
 * The keys of the Region that are in a custom key store and not yet destroyed
 * (a key pending deletion still counts: DeleteCustomKeyStore waits for it),
 * with their bindings. Read from key_state: a scan, for the rare calls that
 * need it (DeleteCustomKeyStore, CreateKey in a store).
 */
export const keysInCustomKeyStore = (customKeyStoreId: string) =>
  Effect.gen(function*() {
    const eventLog = yield* EventLog
    const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })
    const found: Array<CustomKeyStoreBinding & { readonly keyId: string }> = []
    let after: string | undefined
    for (;;) {
      const rows = yield* eventLog.listStates("key", after, PAGE).pipe(Effect.mapError(internal("listing the keys failed")))
      for (const row of rows) {
        const state = yield* Effect.try({ try: () => decodeKeySnapshot(row.state), catch: internal(`the stored state of ${row.streamId} does not decode`) })
        if (state.status === "Absent" || state.status === "Destroyed") continue
        const binding = state.key.customKeyStore
        if (binding?.customKeyStoreId === customKeyStoreId) found.push({ keyId: row.streamId, ...binding })
      }
      if (rows.length < PAGE) break
      after = rows.at(-1)!.streamId
    }
    return found
  })
