import type { Key, KeyCommand, KeyRejection, LiveKey, Operation } from "@trent/domain"
import { checkKeyState } from "@trent/domain"
import { Clock, Context, Effect, Layer } from "effect"
import type { KeyActor } from "./KeyActor.ts"
import { type Executed, KeyActors } from "./KeyActors.ts"
import { KeyResolver } from "./KeyResolver.ts"
import type { RegionError } from "./RegionErrors.ts"

/**
 * The two ways an operation touches a key: `read` checks the key-state table
 * for the operation and hands over the live state (no lock: reads and crypto
 * run concurrently); `change` runs a command through the key's actor.
 */
export class KeyAccess extends Context.Service<KeyAccess, {
  read<A, E, R>(
    reference: string,
    operation: Operation,
    f: (state: LiveKey, actor: KeyActor) => Effect.Effect<A, E, R>
  ): Effect.Effect<A, E | RegionError, R>
  change<E, R>(
    reference: string,
    operation: Operation,
    build: (state: Key, now: number, actor: KeyActor) => Effect.Effect<KeyCommand, E, R>
  ): Effect.Effect<Executed, E | KeyRejection | RegionError, R>
}>()("@trent/runtime/KeyAccess") {
  static readonly layer = Layer.effect(KeyAccess, Effect.gen(function*() {
    const resolver = yield* KeyResolver
    const actors = yield* KeyActors

    const read = <A, E, R>(
      reference: string,
      operation: Operation,
      f: (state: LiveKey, actor: KeyActor) => Effect.Effect<A, E, R>
    ): Effect.Effect<A, E | RegionError, R> =>
      resolver.withKey(reference, operation, (actor): Effect.Effect<A, E | RegionError, R> => {
        const state = actor.state as LiveKey
        const rejected = checkKeyState(operation, state)
        return rejected === undefined ? f(state, actor) : Effect.fail(rejected)
      })

    const change = <E, R>(
      reference: string,
      operation: Operation,
      build: (state: Key, now: number, actor: KeyActor) => Effect.Effect<KeyCommand, E, R>
    ) =>
      resolver.withKey(reference, operation, (actor) =>
        actors.execute(actor, (state) => Effect.flatMap(Clock.currentTimeMillis, (now) => build(state, now, actor))))

    return KeyAccess.of({ read, change })
  }))
}
