import { generateMaterialId, type SecretBytes, unwrapKeyMaterial, WebCrypto, wrapKeyMaterial } from "@trent/crypto"
import {
  decideKey,
  decodeKeySnapshot,
  encodeKeyEvent,
  encodeKeySnapshot,
  evolveKey,
  initialKey,
  isKeyRejection,
  type Key,
  type KeyCommand,
  keyDueAt,
  type KeyEvent,
  type KeyRejection,
  type KeySpec,
  type WrappedMaterial
} from "@trent/domain"
import { EventLog } from "@trent/event-log"
import { Clock, Context, Deferred, Effect, Exit, Layer, Option } from "effect"
import { newEventId } from "./Ids.ts"
import { forgetSecrets, type KeyActor, makeKeyActor } from "./KeyActor.ts"
import { KeyEncryptionKeys } from "./KeyEncryptionKeys.ts"
import { RegionConfig } from "./RegionConfig.ts"
import { RegionInternalError } from "./RegionErrors.ts"
import { RequestContext } from "./RequestContext.ts"
import { generateMaterialBytes, importMaterial, type ResidentMaterial } from "./ResidentMaterial.ts"

export interface Executed {
  readonly state: Key
  readonly events: ReadonlyArray<KeyEvent>
}

/** A fresh backing key version, wrapped for the log (its clear form stays in the actor). */
export interface NewMaterial {
  readonly wrapped: WrappedMaterial
}

const APPEND_ATTEMPTS = 3

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

/**
 * The Region's key actors: loaded lazily from the store's key_state row, kept
 * resident up to a bound (least recently used idle actors are evicted), state
 * changes serialized per key through decide → append (durable) → evolve.
 */
export class KeyActors extends Context.Service<KeyActors, {
  use<A, E, R>(keyId: string, f: (actor: KeyActor) => Effect.Effect<A, E, R>): Effect.Effect<A, E | RegionInternalError, R>
  execute<E, R>(
    actor: KeyActor,
    build: (state: Key) => Effect.Effect<KeyCommand, E, R>
  ): Effect.Effect<Executed, E | KeyRejection | RegionInternalError, R>
  material(actor: KeyActor, materialId: string): Effect.Effect<Option.Option<ResidentMaterial>, RegionInternalError>
  newMaterial(
    actor: KeyActor,
    keySpec: KeySpec,
    options?: { readonly createKek: boolean }
  ): Effect.Effect<NewMaterial, RegionInternalError>
  /**
   * Material from outside the actor (imported, or a multi-Region primary's
   * version re-wrapped for this Region): wrapped under this key's KEK, made
   * resident, and the plaintext zeroed.
   */
  adoptMaterial(
    actor: KeyActor,
    keySpec: KeySpec,
    materialId: string,
    plaintext: SecretBytes,
    options?: { readonly createKek: boolean }
  ): Effect.Effect<WrappedMaterial, RegionInternalError>
  /** A version's material in clear, for re-wrapping in another Region; the caller destroys it. */
  exportMaterial(actor: KeyActor, materialId: string): Effect.Effect<SecretBytes, RegionInternalError>
  /** A KEK for a key that starts without material (Origin EXTERNAL). */
  createKek(actor: KeyActor): Effect.Effect<void, RegionInternalError>
  /** The key's KEK in clear (cached in the actor); it also wraps the key's import parameters. */
  kek(actor: KeyActor): Effect.Effect<SecretBytes, RegionInternalError>
  evictIdle(now: number): Effect.Effect<number>
  readonly residentCount: Effect.Effect<number>
}>()("@trent/runtime/KeyActors") {
  static readonly layer = Layer.effect(KeyActors, Effect.gen(function*() {
    const config = yield* RegionConfig
    const eventLog = yield* EventLog
    const keks = yield* KeyEncryptionKeys
    const webCrypto = yield* WebCrypto
    const entries = new Map<string, { readonly loaded: Deferred.Deferred<KeyActor, RegionInternalError>; actor?: KeyActor }>()
    const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })

    const readStored = (keyId: string) =>
      eventLog.readState(keyId).pipe(
        Effect.mapError(internal(`reading the state of ${keyId} failed`)),
        Effect.flatMap((stored) =>
          Effect.try({
            try: () =>
              Option.match(stored, {
                onNone: () => ({ state: initialKey, seq: 0 }),
                onSome: (row) => ({ state: decodeKeySnapshot(row.state), seq: row.seq })
              }),
            catch: internal(`the stored state of ${keyId} does not decode`)
          })
        )
      )

    const load = Effect.fnUntraced(function*(keyId: string) {
      const { state, seq } = yield* readStored(keyId)
      // Finishes a crypto-shredding interrupted between KeyMaterialDestroyed and the KEK's deletion.
      if (state.status === "Destroyed") yield* keks.destroy(keyId)
      return makeKeyActor(keyId, state, seq, yield* Clock.currentTimeMillis)
    })

    const evictBeyondBound = () => {
      for (const [keyId, entry] of entries) {
        if (entries.size <= config.maxResidentKeys) return
        if (entry.actor !== undefined && entry.actor.busy === 0) {
          entries.delete(keyId)
          forgetSecrets(entry.actor)
        }
      }
    }

    const acquire = (keyId: string): Effect.Effect<KeyActor, RegionInternalError> =>
      Effect.suspend(() => {
        const existing = entries.get(keyId)
        if (existing !== undefined) {
          entries.delete(keyId)
          entries.set(keyId, existing)
          return existing.actor !== undefined ? Effect.succeed(existing.actor) : Deferred.await(existing.loaded)
        }
        const entry: { loaded: Deferred.Deferred<KeyActor, RegionInternalError>; actor?: KeyActor } = {
          loaded: Deferred.makeUnsafe<KeyActor, RegionInternalError>()
        }
        entries.set(keyId, entry)
        evictBeyondBound()
        return load(keyId).pipe(
          Effect.onExit((exit) =>
            Effect.sync(() => {
              if (Exit.isSuccess(exit)) entry.actor = exit.value
              else entries.delete(keyId)
              Deferred.doneUnsafe(entry.loaded, exit)
            })
          )
        )
      })

    /** Holds the actor (busy) for the duration of `f`: the hot path of every operation, kept to two steps. */
    const use = <A, E, R>(keyId: string, f: (actor: KeyActor) => Effect.Effect<A, E, R>) =>
      Effect.flatMap(acquire(keyId), (actor) =>
        Effect.clockWith((clock) => {
          actor.busy++
          actor.lastUsedAt = clock.currentTimeMillisUnsafe()
          return Effect.onExit(f(actor), () => Effect.sync(() => void actor.busy--))
        }))

    const envelopes = (events: ReadonlyArray<KeyEvent>, now: number) =>
      Effect.gen(function*() {
        const request = yield* RequestContext
        const commandId = yield* newEventId(now)
        return yield* Effect.forEach(events, (event) =>
          Effect.map(newEventId(now), (eventId) => ({
            ...encodeKeyEvent(event),
            eventId,
            at: now,
            principal: request.principal,
            requestId: request.requestId,
            commandId
          })))
      }).pipe(Effect.provideService(WebCrypto, webCrypto))

    const refresh = (actor: KeyActor) =>
      Effect.map(readStored(actor.keyId), ({ state, seq }) => {
        actor.state = state
        actor.seq = seq
      })

    const commit = (actor: KeyActor, events: ReadonlyArray<KeyEvent>, now: number) =>
      Effect.gen(function*() {
        const next = events.reduce(evolveKey, actor.state)
        const appended = yield* eventLog.append({
          streamId: actor.keyId,
          streamType: "key",
          expectedSeq: actor.seq,
          events: yield* envelopes(events, now),
          state: encodeKeySnapshot(next),
          dueAt: keyDueAt(next)
        }).pipe(Effect.map(() => true), Effect.catchTag("SeqConflict", () => Effect.succeed(false)))
        if (!appended) return false
        actor.state = next
        actor.seq += events.length
        for (const event of events) {
          if (event._tag === "ImportedKeyMaterialDeleted") actor.materials.delete(event.materialId)
        }
        if (next.status === "Destroyed") {
          actor.materials.clear()
          actor.kek = undefined
          yield* keks.destroy(actor.keyId)
        }
        return true
      }).pipe(Effect.mapError((e) => e._tag === "RegionInternalError" ? e : internal("appending to the event log failed")(e)))

    const execute = <E, R>(actor: KeyActor, build: (state: Key) => Effect.Effect<KeyCommand, E, R>) =>
      actor.lock.withPermits(1)(Effect.gen(function*() {
        for (let attempt = 1; attempt <= APPEND_ATTEMPTS; attempt++) {
          const command = yield* build(actor.state)
          const outcome = decideKey(actor.state, command)
          if (isKeyRejection(outcome)) return yield* Effect.fail(outcome)
          if (outcome.length === 0) return { state: actor.state, events: outcome }
          // Another writer appended to this stream (another process on the same file): reload and decide again.
          if (yield* Effect.uninterruptible(commit(actor, outcome, command.now))) return { state: actor.state, events: outcome }
          yield* refresh(actor)
        }
        return yield* new RegionInternalError({ message: `key ${actor.keyId}: the append kept conflicting` })
      }))

    /** Imports unwrapped material once, as the resident key of its spec, and zeroes the bytes. */
    const importOnce = (keySpec: KeySpec, plaintext: SecretBytes) =>
      importMaterial(keySpec, plaintext).pipe(
        Effect.mapError(internal("key material does not import")),
        Effect.ensuring(Effect.sync(() => plaintext.destroy()))
      )

    const kekOf = (actor: KeyActor) =>
      actor.kek !== undefined
        ? Effect.succeed(actor.kek)
        : Effect.map(keks.load(actor.keyId), (kek) => (actor.kek = kek))

    const material = (actor: KeyActor, materialId: string) =>
      Effect.gen(function*() {
        if (actor.state.status === "Absent") return Option.none()
        const version = actor.state.key.versions.find((v) => v.materialId === materialId)
        // Imported material deleted or expired leaves the version without bytes: it cannot decrypt until re-imported.
        if (version === undefined || version.wrapped.length === 0) return Option.none()
        const cached = actor.materials.get(materialId)
        if (cached !== undefined) return Option.some(cached)
        const kek = yield* kekOf(actor)
        const { keySpec } = actor.state.key
        const plaintext = yield* unwrapKeyMaterial(kek, version.wrapped, materialBinding(config.region, actor.keyId, materialId, keySpec)).pipe(
          Effect.mapError(internal(`material ${materialId} of ${actor.keyId} does not unwrap`))
        )
        const key = yield* importOnce(keySpec, plaintext)
        actor.materials.set(materialId, key)
        return Option.some(key)
      }).pipe(Effect.provideService(WebCrypto, webCrypto))

    const adoptMaterial = (
      actor: KeyActor,
      keySpec: KeySpec,
      materialId: string,
      plaintext: SecretBytes,
      options?: { readonly createKek: boolean }
    ) =>
      Effect.gen(function*() {
        const kek = options?.createKek === true ? yield* keks.create(actor.keyId) : yield* kekOf(actor)
        actor.kek = kek
        const wrapped = yield* wrapKeyMaterial(kek, plaintext, materialBinding(config.region, actor.keyId, materialId, keySpec))
        actor.materials.set(materialId, yield* importOnce(keySpec, plaintext))
        return { materialId, wrapped }
      }).pipe(
        Effect.onError(() => Effect.sync(() => plaintext.destroy())),
        Effect.provideService(WebCrypto, webCrypto)
      )

    const newMaterial = (actor: KeyActor, keySpec: KeySpec, options?: { readonly createKek: boolean }) =>
      Effect.gen(function*() {
        const materialId = yield* generateMaterialId
        const plaintext = yield* generateMaterialBytes(keySpec).pipe(Effect.mapError(internal(`generating ${keySpec} material failed`)))
        return { wrapped: yield* adoptMaterial(actor, keySpec, materialId, plaintext, options) }
      }).pipe(Effect.provideService(WebCrypto, webCrypto))

    const exportMaterial = (actor: KeyActor, materialId: string) =>
      Effect.gen(function*() {
        const version = actor.state.status === "Absent"
          ? undefined
          : [...actor.state.key.versions, ...(actor.state.key.pendingRotation === undefined ? [] : [actor.state.key.pendingRotation])]
            .find((v) => v.materialId === materialId && v.wrapped.length > 0)
        if (version === undefined || actor.state.status === "Absent") {
          return yield* new RegionInternalError({ message: `key ${actor.keyId} holds no material ${materialId}` })
        }
        const kek = yield* kekOf(actor)
        return yield* unwrapKeyMaterial(kek, version.wrapped, materialBinding(config.region, actor.keyId, materialId, actor.state.key.keySpec))
          .pipe(Effect.mapError(internal(`material ${materialId} of ${actor.keyId} does not unwrap`)))
      }).pipe(Effect.provideService(WebCrypto, webCrypto))

    const createKek = (actor: KeyActor) => Effect.map(keks.create(actor.keyId), (kek) => void (actor.kek = kek))

    const evictIdle = (now: number) =>
      Effect.sync(() => {
        let evicted = 0
        for (const [keyId, entry] of entries) {
          const actor = entry.actor
          if (actor !== undefined && actor.busy === 0 && now - actor.lastUsedAt >= config.actorIdleMs) {
            entries.delete(keyId)
            forgetSecrets(actor)
            evicted++
          }
        }
        return evicted
      })

    return KeyActors.of({
      use,
      execute,
      material,
      newMaterial,
      adoptMaterial,
      exportMaterial,
      createKek,
      kek: kekOf,
      evictIdle,
      residentCount: Effect.sync(() => entries.size)
    })
  }))
}
