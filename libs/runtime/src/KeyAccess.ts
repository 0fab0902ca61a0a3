import type { InvalidGrantToken, Key, KeyCommand, KeyRejection, LiveKey, Operation } from "@trent/domain"
import { checkKeyState } from "@trent/domain"
import { Clock, Context, Effect, Layer } from "effect"
import { Authorization, type OperationFacts } from "./Authorization.ts"
import type { KeyView } from "@trent/key-actors"
import { type Executed, KeyActors } from "@trent/key-actors"
import { KeyResolver } from "./KeyResolver.ts"
import { Replication } from "@trent/replication"
import type { AccessDenied, RegionError } from "@trent/key-actors"

/**
 * The two ways an operation touches a key, each after the key is resolved and
 * the caller is authorized for it (policies and grants, then the key-state
 * table): `read` hands over the live state as it stands (no lock: reads and
 * crypto run concurrently); `change` runs a command through the key's actor.
 */
export class KeyAccess extends Context.Service<KeyAccess, {
  read<A, E, R>(
    reference: string,
    operation: Operation,
    f: (state: LiveKey) => Effect.Effect<A, E, R>,
    facts?: OperationFacts
  ): Effect.Effect<A, E | RegionError, R>
  change<E, R>(
    reference: string,
    operation: Operation,
    build: (state: Key, now: number) => Effect.Effect<KeyCommand, E, R>,
    facts?: OperationFacts
  ): Effect.Effect<Executed, E | KeyRejection | RegionError, R>
}>()("@trent/runtime/KeyAccess") {
  static readonly layer = Layer.effect(KeyAccess, Effect.gen(function*() {
    const resolver = yield* KeyResolver
    const actors = yield* KeyActors
    const authorization = yield* Authorization
    const replication = yield* Replication

    const authorized = (
      state: Key,
      operation: Operation,
      reference: string,
      facts: OperationFacts | undefined
    ): Effect.Effect<void, AccessDenied | InvalidGrantToken> =>
      state.status === "Absent" ? Effect.void : authorization.forKey(state.key, operation, reference, facts)

    const read = <A, E, R>(
      reference: string,
      operation: Operation,
      f: (state: LiveKey) => Effect.Effect<A, E, R>,
      facts?: OperationFacts
    ): Effect.Effect<A, E | RegionError, R> =>
      resolver.withKey(reference, operation, (view: KeyView): Effect.Effect<A, E | RegionError, R> =>
        Effect.flatMap(authorized(view.state, operation, reference, facts), (): Effect.Effect<A, E | RegionError, R> => {
          const state = view.state as LiveKey
          const rejected = checkKeyState(operation, state)
          return rejected === undefined ? f(state) : Effect.fail(rejected)
        }))

    const change = <E, R>(
      reference: string,
      operation: Operation,
      build: (state: Key, now: number) => Effect.Effect<KeyCommand, E, R>,
      facts?: OperationFacts
    ) =>
      resolver.withKey(reference, operation, (view) =>
        Effect.flatMap(authorized(view.state, operation, reference, facts), () =>
          actors.execute(view.keyId, (state) => Effect.flatMap(Clock.currentTimeMillis, (now) => build(state, now))))).pipe(
            // A multi-Region key's other members follow the change (Replication.ts).
            Effect.tap(replication.afterChange)
          )

    return KeyAccess.of({ read, change })
  }))
}
