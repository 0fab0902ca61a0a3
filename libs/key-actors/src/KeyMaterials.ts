import { generateMaterialId, type SecretBytes, unwrapKeyMaterial, WebCrypto, wrapKeyMaterial } from "@trent/crypto"
import type { Key, KeySpec, WrappedMaterial } from "@trent/domain"
import { Context, Effect, Layer, Option } from "effect"
import type { KeyActor } from "./KeyActor.ts"
import { KeyActors } from "./KeyActors.ts"
import { KeyEncryptionKeys } from "./KeyEncryptionKeys.ts"
import { RegionConfig } from "./RegionConfig.ts"
import { RegionInternalError } from "./RegionErrors.ts"
import { generateMaterialBytes, importMaterial, type ResidentMaterial } from "./ResidentMaterial.ts"

/** A fresh backing key version, wrapped for the log (its clear form stays resident). */
export interface NewMaterial {
  readonly wrapped: WrappedMaterial
}

/**
 * Binding of a material version under its key's KEK (ARCHITECTURE.md: region,
 * key id, version, algorithm). The algorithm is the key spec, so wrapped bytes
 * can never be read back as material of another kind.
 */
export const materialBinding = (region: string, keyId: string, materialId: string, keySpec: KeySpec) => ({
  region,
  keyId,
  versionId: materialId,
  algorithm: keySpec
})

const versionsOf = (state: Key) =>
  state.status === "Absent"
    ? []
    : [...state.key.versions, ...(state.key.pendingRotation === undefined ? [] : [state.key.pendingRotation])]

/**
 * The plaintext side of resident keys: each key's KEK and its material
 * versions, unwrapped once and cached in the key's actor (keyed by key and
 * material id), forgotten when the actor is evicted or the key destroyed.
 * Every call names the key by id and reads versions from a state the caller
 * already holds; none hands an actor out.
 */
export class KeyMaterials extends Context.Service<KeyMaterials, {
  /** A version's material, ready to use; none when the version has no bytes (imported material deleted or expired). */
  material(keyId: string, state: Key, materialId: string): Effect.Effect<Option.Option<ResidentMaterial>, RegionInternalError>
  newMaterial(keyId: string, keySpec: KeySpec, options?: { readonly createKek: boolean }): Effect.Effect<NewMaterial, RegionInternalError>
  /**
   * Material from outside the key (imported, or a multi-Region primary's
   * version re-wrapped for this Region): wrapped under this key's KEK, made
   * resident, and the plaintext zeroed.
   */
  adoptMaterial(
    keyId: string,
    keySpec: KeySpec,
    materialId: string,
    plaintext: SecretBytes,
    options?: { readonly createKek: boolean }
  ): Effect.Effect<WrappedMaterial, RegionInternalError>
  /** A version's material in clear, for re-wrapping in another Region; the caller destroys it. */
  exportMaterial(keyId: string, state: Key, materialId: string): Effect.Effect<SecretBytes, RegionInternalError>
  /** A KEK for a key that starts without material (Origin EXTERNAL). */
  createKek(keyId: string): Effect.Effect<void, RegionInternalError>
  /** The key's KEK in clear (cached); it also wraps the key's import parameters. */
  kek(keyId: string): Effect.Effect<SecretBytes, RegionInternalError>
}>()("@trent/key-actors/KeyMaterials") {
  static readonly layer = Layer.effect(KeyMaterials, Effect.gen(function*() {
    const config = yield* RegionConfig
    const actors = yield* KeyActors
    const keks = yield* KeyEncryptionKeys
    const webCrypto = yield* WebCrypto
    const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })

    /** Imports unwrapped material once, as the resident key of its spec, and zeroes the bytes. */
    const importOnce = (keySpec: KeySpec, plaintext: SecretBytes) =>
      importMaterial(keySpec, plaintext).pipe(
        Effect.mapError(internal("key material does not import")),
        Effect.ensuring(Effect.sync(() => plaintext.destroy()))
      )

    const kekOf = (keyId: string, actor: KeyActor) =>
      actor.kek !== undefined
        ? Effect.succeed(actor.kek)
        : Effect.map(keks.load(keyId), (kek) => (actor.kek = kek))

    const material = (keyId: string, state: Key, materialId: string) =>
      Effect.suspend(() => {
        if (state.status === "Absent") return Effect.succeedNone
        const version = state.key.versions.find((v) => v.materialId === materialId)
        // Imported material deleted or expired leaves the version without bytes: it cannot decrypt until re-imported.
        if (version === undefined || version.wrapped.length === 0) return Effect.succeedNone
        const { keySpec } = state.key
        return actors.hold(keyId, (actor) => {
          const cached = actor.materials.get(materialId)
          if (cached !== undefined) return Effect.succeedSome(cached)
          return Effect.gen(function*() {
            const kek = yield* kekOf(keyId, actor)
            const plaintext = yield* unwrapKeyMaterial(kek, version.wrapped, materialBinding(config.region, keyId, materialId, keySpec)).pipe(
              Effect.mapError(internal(`material ${materialId} of ${keyId} does not unwrap`))
            )
            const key = yield* importOnce(keySpec, plaintext)
            actor.materials.set(materialId, key)
            return Option.some(key)
          })
        })
      }).pipe(Effect.provideService(WebCrypto, webCrypto))

    const adoptMaterial = (
      keyId: string,
      keySpec: KeySpec,
      materialId: string,
      plaintext: SecretBytes,
      options?: { readonly createKek: boolean }
    ) =>
      actors.hold(keyId, (actor) =>
        Effect.gen(function*() {
          const kek = options?.createKek === true ? yield* keks.create(keyId) : yield* kekOf(keyId, actor)
          actor.kek = kek
          const wrapped = yield* wrapKeyMaterial(kek, plaintext, materialBinding(config.region, keyId, materialId, keySpec))
          actor.materials.set(materialId, yield* importOnce(keySpec, plaintext))
          return { materialId, wrapped }
        })).pipe(
          Effect.onError(() => Effect.sync(() => plaintext.destroy())),
          Effect.provideService(WebCrypto, webCrypto)
        )

    const newMaterial = (keyId: string, keySpec: KeySpec, options?: { readonly createKek: boolean }) =>
      Effect.gen(function*() {
        const materialId = yield* generateMaterialId
        const plaintext = yield* generateMaterialBytes(keySpec).pipe(Effect.mapError(internal(`generating ${keySpec} material failed`)))
        return { wrapped: yield* adoptMaterial(keyId, keySpec, materialId, plaintext, options) }
      }).pipe(Effect.provideService(WebCrypto, webCrypto))

    const exportMaterial = (keyId: string, state: Key, materialId: string) =>
      Effect.gen(function*() {
        const version = versionsOf(state).find((v) => v.materialId === materialId && v.wrapped.length > 0)
        if (version === undefined || state.status === "Absent") {
          return yield* new RegionInternalError({ message: `key ${keyId} holds no material ${materialId}` })
        }
        const { keySpec } = state.key
        return yield* actors.hold(keyId, (actor) =>
          Effect.flatMap(kekOf(keyId, actor), (kek) =>
            unwrapKeyMaterial(kek, version.wrapped, materialBinding(config.region, keyId, materialId, keySpec))
              .pipe(Effect.mapError(internal(`material ${materialId} of ${keyId} does not unwrap`)))))
      }).pipe(Effect.provideService(WebCrypto, webCrypto))

    return KeyMaterials.of({
      material,
      newMaterial,
      adoptMaterial,
      exportMaterial,
      createKek: (keyId) => actors.hold(keyId, (actor) => Effect.map(keks.create(keyId), (kek) => void (actor.kek = kek))),
      kek: (keyId) => actors.hold(keyId, (actor) => kekOf(keyId, actor))
    })
  }))
}
