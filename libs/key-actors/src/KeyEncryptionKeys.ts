import { generateKeyMaterial, type SecretBytes, WebCrypto } from "@trent/crypto"
import { Keyvault, RootKey } from "@trent/event-log"
import { Context, Effect, Layer, Option } from "effect"
import { importParameterEntries } from "./ImportParameters.ts"
import { refuseLostKeyvault } from "./KeyvaultPresence.ts"
import { RegionConfig } from "./RegionConfig.ts"
import { RegionInternalError } from "./RegionErrors.ts"
import { canaryBinding, kekBinding, ROOT_KEY_CANARY_ID } from "./rootKeyBindings.ts"


/**
 * The keyvault holds a canary wrapped under the root key at first start. A
 * different root key (a lost root.key replaced by a fresh one, a wrong
 * TRENT_ROOT_KEY) fails here, at start, with a clear message — instead of every
 * key of the Region failing later, one request at a time.
 */
const checkRootKey = Effect.gen(function*() {
  const { region } = yield* RegionConfig
  const keyvault = yield* Keyvault
  const rootKey = yield* RootKey
  const binding = canaryBinding(region)
  const stored = yield* keyvault.get(ROOT_KEY_CANARY_ID)
  if (Option.isNone(stored)) {
    yield* refuseLostKeyvault("root key check")
    const canary = yield* generateKeyMaterial
    return yield* keyvault.put(ROOT_KEY_CANARY_ID, yield* rootKey.wrap(canary, binding))
  }
  yield* rootKey.unwrap(stored.value, binding).pipe(
    Effect.mapError(() =>
      new RegionInternalError({
        message: `the root key does not match Region ${region}'s keyvault: it is not the key this Region was created with`
      })
    )
  )
}).pipe(Effect.catchTag("EventLogFailure", (cause) => Effect.fail(new RegionInternalError({ message: "reading the keyvault failed", cause }))))

/**
 * Per-key key-encryption keys: generated at CreateKey, kept in the Region's
 * keyvault wrapped under the root key, destroyed (really deleted) when the key's
 * deletion window ends — crypto-shredding every version of its material.
 */
export class KeyEncryptionKeys extends Context.Service<KeyEncryptionKeys, {
  create(keyId: string): Effect.Effect<SecretBytes, RegionInternalError>
  load(keyId: string): Effect.Effect<SecretBytes, RegionInternalError>
  destroy(keyId: string): Effect.Effect<void, RegionInternalError>
}>()("@trent/key-actors/KeyEncryptionKeys") {
  static readonly layer = Layer.effect(
    KeyEncryptionKeys,
    Effect.gen(function*() {
      const { region } = yield* RegionConfig
      const keyvault = yield* Keyvault
      const rootKey = yield* RootKey
      const webCrypto = yield* WebCrypto
      const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })
      yield* checkRootKey.pipe(Effect.provideService(WebCrypto, webCrypto))

      const create = Effect.fn("KeyEncryptionKeys.create")(function*(keyId: string) {
        const kek = yield* generateKeyMaterial
        const wrapped = yield* rootKey.wrap(kek, kekBinding(region, keyId))
        yield* keyvault.put(keyId, wrapped).pipe(Effect.mapError(internal(`storing the KEK of ${keyId} failed`)))
        return kek
      }, Effect.provideService(WebCrypto, webCrypto))

      const load = Effect.fn("KeyEncryptionKeys.load")(function*(keyId: string) {
        const stored = yield* keyvault.get(keyId).pipe(Effect.mapError(internal(`reading the KEK of ${keyId} failed`)))
        if (Option.isNone(stored)) {
          return yield* new RegionInternalError({ message: `the KEK of ${keyId} is missing from the keyvault` })
        }
        return yield* rootKey.unwrap(stored.value, kekBinding(region, keyId)).pipe(
          Effect.mapError(internal(`the KEK of ${keyId} does not unwrap under this Region's root key`))
        )
      }, Effect.provideService(WebCrypto, webCrypto))

      // The KEK first (that is the crypto-shredding); then whatever import parameters the key had,
      // wrapped under it and so unreadable already. Most keys never had any: only what exists is removed.
      const destroy = (keyId: string) =>
        keyvault.remove(keyId).pipe(
          Effect.andThen(Effect.forEach(importParameterEntries(keyId), (id) =>
            Effect.flatMap(keyvault.get(id), (stored) => Option.isSome(stored) ? keyvault.remove(id) : Effect.void), { discard: true })),
          Effect.mapError(internal(`removing the KEK of ${keyId} failed`))
        )

      return KeyEncryptionKeys.of({ create, load, destroy })
    })
  )
}
