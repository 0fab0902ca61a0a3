import {
  decideKey,
  decodeKeyEvent,
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
  type KeyRejection
} from "@trent/domain"
import { WebCrypto } from "@trent/crypto"
import { EventLog, type StoredEvent } from "@trent/event-log"
import { Clock, Context, Deferred, Effect, Exit, Layer, Option } from "effect"
import { Freshness } from "./Freshness.ts"
import { newEventId } from "./Ids.ts"
import { forgetSecrets, type KeyActor, type KeyView, makeKeyActor } from "./KeyActor.ts"
import { KeyEncryptionKeys } from "./KeyEncryptionKeys.ts"
import { RegionConfig } from "./RegionConfig.ts"
import { RegionInternalError } from "./RegionErrors.ts"
import { currentRequest } from "./RequestContext.ts"

export interface Executed {
  readonly state: Key
  readonly events: ReadonlyArray<KeyEvent>
}

const APPEND_ATTEMPTS = 3

/**
 * Fails with the decider's rejection if `command` would be rejected in
 * `state`: the check a command that creates material or a KEK makes before
 * creating it, so a rejected command never leaves either behind.
 */
export const mustAccept = (state: Key, command: KeyCommand): Effect.Effect<void, KeyRejection> => {
  const outcome = decideKey(state, command)
  return isKeyRejection(outcome) ? Effect.fail(outcome) : Effect.void
}

/**
 * The Region's key actors, the one owner of every resident key's state in
 * this process (ARCHITECTURE.md, "Several processes, one truth"). An actor is
 * loaded lazily from the key_state row and kept resident up to a bound (least
 * recently used idle actors are evicted). Its state changes two ways only:
 * this process's commands, serialized per key (decide → append, durable →
 * evolve), and `applyFollowed`, which the Region's log follower calls with
 * every event of the log, so what another process appended is folded in
 * within the follower's delay. Callers get immutable views, never the actor.
 */
export class KeyActors extends Context.Service<KeyActors, {
  /** The key's current view (an Absent state for a key that does not exist). */
  view(keyId: string): Effect.Effect<KeyView, RegionInternalError>
  /**
   * Runs a command through the key's actor: `build` sees the current view
   * under the key's lock; the events are appended (conditional on its seq)
   * and folded in. On a conflict with another writer the actor catches up and
   * `build` runs again, at most three times.
   */
  execute<E, R>(
    keyId: string,
    build: (state: Key) => Effect.Effect<KeyCommand, E, R>
  ): Effect.Effect<Executed, E | KeyRejection | RegionInternalError, R>
  /** Runs `effect` holding the key's lock, so no command changes the key meanwhile. */
  locked<A, E, R>(keyId: string, effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | RegionInternalError, R>
  /** Runs `f` over the resident actor, which is not evicted meanwhile: for KeyMaterials alone. */
  hold<A, E, R>(keyId: string, f: (actor: KeyActor) => Effect.Effect<A, E, R>): Effect.Effect<A, E | RegionInternalError, R>
  /** Folds in an event from the log (the follower's call); events this actor already holds are ignored. */
  applyFollowed(event: StoredEvent): Effect.Effect<void>
  evictIdle(now: number): Effect.Effect<number>
  readonly residentCount: Effect.Effect<number>
}>()("@trent/key-actors/KeyActors") {
  static readonly layer = Layer.effect(KeyActors, Effect.gen(function*() {
    const config = yield* RegionConfig
    const eventLog = yield* EventLog
    const keks = yield* KeyEncryptionKeys
    const webCrypto = yield* WebCrypto
    const freshness = yield* Freshness
    // `followedSeq`: the highest seq the follower saw while the actor was loading, so a load that read an older row reads again.
    const entries = new Map<string, { readonly loaded: Deferred.Deferred<KeyActor, RegionInternalError>; actor?: KeyActor; followedSeq: number }>()
    const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })

    const readStored = (keyId: string): Effect.Effect<KeyView, RegionInternalError> =>
      eventLog.readState(keyId).pipe(
        Effect.mapError(internal(`reading the state of ${keyId} failed`)),
        Effect.flatMap((stored) =>
          Effect.try({
            try: () =>
              Option.match(stored, {
                onNone: () => ({ keyId, state: initialKey, seq: 0 }),
                onSome: (row) => ({ keyId, state: decodeKeySnapshot(row.state), seq: row.seq })
              }),
            catch: internal(`the stored state of ${keyId} does not decode`)
          })
        )
      )

    /** Reactions to a key's events, wherever they were appended: run for this process's commits and for followed events. */
    const react = (actor: KeyActor | undefined, keyId: string, event: KeyEvent): Effect.Effect<void, RegionInternalError> => {
      if (event._tag === "ImportedKeyMaterialDeleted") actor?.materials.delete(event.materialId)
      if (event._tag !== "KeyMaterialDestroyed") return Effect.void
      if (actor !== undefined) forgetSecrets(actor)
      return keks.destroy(keyId)
    }

    const load = Effect.fnUntraced(function*(keyId: string, followedSeq: () => number) {
      let view = yield* readStored(keyId)
      // The follower saw a newer event while the row was read: read it again (it is written with the event).
      for (let attempt = 0; attempt < APPEND_ATTEMPTS && followedSeq() > view.seq; attempt++) view = yield* readStored(keyId)
      // Finishes a crypto-shredding interrupted between KeyMaterialDestroyed and the KEK's deletion.
      if (view.state.status === "Destroyed") yield* keks.destroy(keyId)
      return makeKeyActor(view, yield* Clock.currentTimeMillis)
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
        const entry: { loaded: Deferred.Deferred<KeyActor, RegionInternalError>; actor?: KeyActor; followedSeq: number } = {
          loaded: Deferred.makeUnsafe<KeyActor, RegionInternalError>(),
          followedSeq: 0
        }
        entries.set(keyId, entry)
        evictBeyondBound()
        return load(keyId, () => entry.followedSeq).pipe(
          Effect.onExit((exit) =>
            Effect.sync(() => {
              if (Exit.isSuccess(exit)) entry.actor = exit.value
              else entries.delete(keyId)
              Deferred.doneUnsafe(entry.loaded, exit)
            })
          )
        )
      })

    /** Holds the actor (busy) for the duration of `f`, so eviction does not forget its secrets under it. */
    const hold = <A, E, R>(keyId: string, f: (actor: KeyActor) => Effect.Effect<A, E, R>) =>
      Effect.flatMap(acquire(keyId), (actor) =>
        Effect.clockWith((clock) => {
          actor.busy++
          actor.lastUsedAt = clock.currentTimeMillisUnsafe()
          return Effect.onExit(f(actor), () => Effect.sync(() => void actor.busy--))
        }))

    const view = (keyId: string) =>
      Effect.flatMap(acquire(keyId), (actor) =>
        Effect.clockWith((clock) => {
          actor.lastUsedAt = clock.currentTimeMillisUnsafe()
          return Effect.succeed(actor.view)
        }))

    const envelopes = (events: ReadonlyArray<KeyEvent>, now: number) =>
      Effect.gen(function*() {
        const request = yield* currentRequest
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

    /** Appends under the actor's lock; false when another writer got there first. */
    const commit = (actor: KeyActor, events: ReadonlyArray<KeyEvent>, now: number) =>
      Effect.gen(function*() {
        const { keyId, state, seq } = actor.view
        const next = events.reduce(evolveKey, state)
        const pending = yield* envelopes(events, now)
        // Marked before the append, so the follower never takes this process's own events for another writer's.
        freshness.own(pending.map((event) => event.eventId))
        const appended = yield* eventLog.append({
          streamId: keyId,
          streamType: "key",
          expectedSeq: seq,
          events: pending,
          state: encodeKeySnapshot(next),
          dueAt: keyDueAt(next)
        }).pipe(Effect.map(() => true), Effect.catchTag("SeqConflict", () => Effect.succeed(false)))
        if (!appended) return false
        // The follower may have folded these very events in already: the view is set, not advanced.
        actor.view = { keyId, state: next, seq: seq + events.length }
        for (const event of events) yield* react(actor, keyId, event)
        return true
      }).pipe(Effect.mapError((e) => e._tag === "RegionInternalError" ? e : internal("appending to the event log failed")(e)))

    /** After a conflict: the stored row is at least as new as what the follower has delivered. */
    const catchUp = (actor: KeyActor) =>
      Effect.map(readStored(actor.view.keyId), (stored) => {
        if (stored.seq > actor.view.seq) actor.view = stored
      })

    const execute = <E, R>(keyId: string, build: (state: Key) => Effect.Effect<KeyCommand, E, R>) =>
      hold(keyId, (actor) =>
        actor.lock.withPermits(1)(Effect.gen(function*() {
          for (let attempt = 1; attempt <= APPEND_ATTEMPTS; attempt++) {
            const before = actor.view.state
            const command = yield* build(before)
            const outcome = decideKey(before, command)
            if (isKeyRejection(outcome)) return yield* Effect.fail(outcome)
            if (outcome.length === 0) return { state: before, events: outcome }
            if (yield* Effect.uninterruptible(commit(actor, outcome, command.now))) return { state: actor.view.state, events: outcome }
            // Another writer (a worker, another server) appended to this stream: catch up and decide again.
            yield* catchUp(actor)
          }
          return yield* new RegionInternalError({ message: `key ${keyId}: the append kept conflicting` })
        })))

    const locked = <A, E, R>(keyId: string, effect: Effect.Effect<A, E, R>) => hold(keyId, (actor) => actor.lock.withPermits(1)(effect))

    const applyFollowed = (event: StoredEvent): Effect.Effect<void> => {
      const entry = entries.get(event.streamId)
      const actor = entry?.actor
      const foreign = freshness.followed(event)
      if (entry !== undefined && actor === undefined) entry.followedSeq = Math.max(entry.followedSeq, event.seq)
      if (actor !== undefined && event.seq === actor.view.seq + 1) {
        return Effect.gen(function*() {
          const decoded = decodeKeyEvent(event)
          actor.view = { keyId: event.streamId, state: evolveKey(actor.view.state, decoded), seq: event.seq }
          yield* react(actor, event.streamId, decoded)
        }).pipe(Effect.catchCause((cause) => evictAfter(event, cause)))
      }
      if (actor !== undefined && event.seq > actor.view.seq + 1) {
        // A gap (the follower restarted past events): the stored row is the truth.
        return catchUp(actor).pipe(Effect.catchCause((cause) => evictAfter(event, cause)))
      }
      // Not resident (its next load reads the row), or already folded in. Reactions still run for others' writes.
      if (actor === undefined && foreign && event.type === "KeyMaterialDestroyed") {
        return keks.destroy(event.streamId).pipe(Effect.catchCause((cause) => Effect.logError(`removing the KEK of ${event.streamId} failed`, cause)))
      }
      return Effect.void
    }

    /** An event that does not fold in leaves the actor untrustworthy: drop it, the next use reloads the row. */
    const evictAfter = (event: StoredEvent, cause: unknown) =>
      Effect.gen(function*() {
        const entry = entries.get(event.streamId)
        if (entry?.actor !== undefined && entry.actor.busy === 0) {
          entries.delete(event.streamId)
          forgetSecrets(entry.actor)
        } else if (entry?.actor !== undefined) {
          yield* catchUp(entry.actor).pipe(Effect.ignore)
        }
        yield* Effect.logError(`event ${event.streamId}#${event.seq} could not be applied to its actor`, cause)
      })

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
      view,
      execute,
      locked,
      hold,
      applyFollowed,
      evictIdle,
      residentCount: Effect.sync(() => entries.size)
    })
  }))
}
