import { SecretBytes, WebCrypto } from "@trent/crypto"
import {
  decideKey,
  InvalidRequest,
  isKeyRejection,
  type KeyCommand,
  type KeySpec,
  type KeyUsage,
  type Tag,
  type WrappedMaterial
} from "@trent/domain"
import { Clock, Effect } from "effect"
import { KeyActors } from "@trent/key-actors"
import { KeyMaterials } from "@trent/key-actors"
import { KeyResolver } from "./KeyResolver.ts"
import { RegionInternalError } from "@trent/key-actors"

/** One key of a seed file, in CreateKey's terms, with the id it must have. */
export interface SeedKey {
  readonly keyId: string
  readonly keySpec: KeySpec
  readonly keyUsage: KeyUsage
  readonly description: string
  readonly policy: string | undefined
  readonly tags: ReadonlyArray<Tag>
  /** Fixed material (dev mode only, for tests whose ciphertexts must outlive a wipe); random otherwise. */
  readonly material: SecretBytes | undefined
}

/** What seeding a key did: created it, or found it already there (left as it is). */
export type SeedOutcome = "created" | "present"

/** Key ids AWS hands out: a lowercase UUID, or `mrk-` and 32 hex digits (aws-kms-api.md §2.1). */
/** A placeholder for the dry decide that validates the key before any KEK or material exists. */
const placeholderMaterial: WrappedMaterial = { materialId: "pending", wrapped: new Uint8Array() }

const keyIdPattern = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/

/**
 * The fixed material's version id: HMAC-SHA-256 under the material of the key
 * id, so the same seed gives the same ciphertext headers after a wipe, and the
 * id (which every ciphertext carries) reveals nothing about the material.
 */
const fixedMaterialId = (keyId: string, material: SecretBytes) =>
  WebCrypto.use((crypto) =>
    Effect.tryPromise(async () => {
      const key = await crypto.subtle.importKey("raw", material.unsafeBytes(), { name: "HMAC", hash: "SHA-256" }, false, ["sign"])
      const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`trent seed material ${keyId}`))
      return Buffer.from(mac).toString("hex")
    }))

/**
 * Seeding (`trent serve --seed FILE`): a key created with the id the seed
 * names, by Trent itself (no policy is consulted), if the Region has no key of
 * that id; a key already there is left as it is, so applying a seed at every
 * start changes nothing after the first.
 */
export const makeSeedOperations = Effect.gen(function*() {
  const actors = yield* KeyActors
  const materials = yield* KeyMaterials
  const { scope } = yield* KeyResolver
  const webCrypto = yield* WebCrypto
  const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })

  const wrappedMaterial = (seed: SeedKey) =>
    seed.material === undefined
      ? Effect.map(materials.newMaterial(seed.keyId, seed.keySpec, { createKek: true }), ({ wrapped }) => wrapped)
      : Effect.flatMap(
        fixedMaterialId(seed.keyId, seed.material).pipe(Effect.mapError(internal("deriving the seeded material id failed"))),
        (materialId) => materials.adoptMaterial(seed.keyId, seed.keySpec, materialId, SecretBytes.copy(seed.material!.unsafeBytes()), { createKek: true })
      )

  const seedKey = (seed: SeedKey) =>
    Effect.gen(function*() {
      if (!keyIdPattern.test(seed.keyId)) {
        return yield* new InvalidRequest({ message: `Invalid keyId ${seed.keyId}: a seeded key id is a lowercase UUID or mrk- and 32 hex digits` })
      }
      const { state: existing } = yield* actors.view(seed.keyId)
      if (existing.status !== "Absent") return "present" as SeedOutcome
      const command = (now: number, material: WrappedMaterial): KeyCommand => ({
        _tag: "CreateKey",
        now,
        keyId: seed.keyId,
        ...scope,
        keySpec: seed.keySpec,
        keyUsage: seed.keyUsage,
        origin: "AWS_KMS",
        multiRegion: seed.keyId.startsWith("mrk-"),
        description: seed.description,
        policy: seed.policy,
        tags: seed.tags,
        material
      })
      const created = yield* actors.execute(seed.keyId, (state) =>
        Effect.gen(function*() {
          const now = yield* Clock.currentTimeMillis
          // Validated before any KEK or material exists, as CreateKey does; a key there already is refused here too.
          const dry = decideKey(state, command(now, placeholderMaterial))
          if (isKeyRejection(dry)) return yield* Effect.fail(dry)
          return command(now, yield* wrappedMaterial(seed))
        })).pipe(
          // Raced by another writer applying the same seed: its key stands.
          Effect.map(() => true),
          Effect.catchTag("KeyInvalidState", (rejection) =>
            Effect.flatMap(actors.view(seed.keyId), ({ state }) => state.status === "Absent" ? Effect.fail(rejection) : Effect.succeed(false)))
        )
      if (!created) return "present" as SeedOutcome
      return "created" as SeedOutcome
    }).pipe(Effect.provideService(WebCrypto, webCrypto))

  return { seedKey }
})
