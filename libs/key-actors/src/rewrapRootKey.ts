import { WebCrypto } from "@trent/crypto"
import { type EventLogFailure, Keyvault, type RootKeyApi } from "@trent/event-log"
import { Data, Effect, Option } from "effect"
import { ROOT_KEY_CANARY_ID, rootKeyBindingOf } from "./rootKeyBindings.ts"

/** What a re-wrap did: entries moved to the new root key, entries already under it (a run resumed), entries not under a root key. */
export interface RewrapOutcome {
  readonly rewrapped: number
  readonly alreadyUnderNewKey: number
  readonly notUnderRootKey: number
}

/** A keyvault entry that opens under neither the old root key nor the new one. */
export class RewrapRefused extends Data.TaggedError("RewrapRefused")<{ readonly message: string }> {}

/**
 * Re-wraps every keyvault entry of `region` that is wrapped under the root key
 * (the KEKs, the audit signing key and the canary) from `from` to `to`, in
 * place. Each entry is put back whole, so a crash leaves every entry under one
 * key or the other; an entry that already opens under `to` is left as it is,
 * so running it again finishes an interrupted run. The canary goes last: until
 * it is re-wrapped, a server started on `to` refuses ("does not match"), so no
 * server runs on a half-moved keyvault. The unwrapped bytes are zeroed at once.
 */
export const rewrapRootKey = (
  region: string,
  from: RootKeyApi,
  to: RootKeyApi
): Effect.Effect<RewrapOutcome, RewrapRefused | EventLogFailure, Keyvault | WebCrypto> =>
  Effect.gen(function*() {
    const keyvault = yield* Keyvault
    const ids = yield* keyvault.ids()
    const ordered = [...ids.filter((id) => id !== ROOT_KEY_CANARY_ID), ...ids.filter((id) => id === ROOT_KEY_CANARY_ID)]
    let rewrapped = 0
    let alreadyUnderNewKey = 0
    let notUnderRootKey = 0
    for (const id of ordered) {
      const binding = rootKeyBindingOf(region, id)
      const stored = yield* keyvault.get(id)
      if (binding === undefined || Option.isNone(stored)) {
        notUnderRootKey += binding === undefined ? 1 : 0
        continue
      }
      const underNew = yield* Effect.option(to.unwrap(stored.value, binding))
      if (Option.isSome(underNew)) {
        underNew.value.destroy()
        alreadyUnderNewKey += 1
        continue
      }
      const material = yield* from.unwrap(stored.value, binding).pipe(
        Effect.mapError(() => new RewrapRefused({ message: `the keyvault entry ${id} of Region ${region} opens under neither root key` }))
      )
      const wrapped = yield* to.wrap(material, binding).pipe(Effect.ensuring(Effect.sync(() => material.destroy())))
      yield* keyvault.put(id, wrapped)
      rewrapped += 1
    }
    return { rewrapped, alreadyUnderNewKey, notUnderRootKey }
  })
