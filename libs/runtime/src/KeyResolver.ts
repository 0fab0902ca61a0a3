import {
  type AcceptedForms,
  aliasArn,
  keyArn,
  KeyNotFound,
  type Operation,
  parseKeyReference,
  type ResourceScope
} from "@trent/domain"
import { isServedOperation, operationSpec } from "@trent/protocol"
import { Context, Effect, Layer } from "effect"
import { AliasDirectory } from "./AliasDirectory.ts"
import { AwsManagedKeys } from "./AwsManagedKeys.ts"
import type { KeyView } from "@trent/key-actors"
import { KeyActors } from "@trent/key-actors"
import { RegionConfig } from "@trent/key-actors"
import type { RegionInternalError } from "@trent/key-actors"

/** Which reference forms an operation accepts (aws-kms-api.md §2.1), as its module declares. */
export const acceptedForms = (operation: Operation): AcceptedForms =>
  isServedOperation(operation) ? operationSpec(operation).keyForms : "key"

/**
 * Resolves a caller's KeyId (key id, key ARN, alias name, alias ARN) to a live
 * key's current view and runs `f` over it, or answers NotFound with AWS's message.
 */
export class KeyResolver extends Context.Service<KeyResolver, {
  readonly scope: ResourceScope
  resolveId(reference: string, operation: Operation): Effect.Effect<string, KeyNotFound | RegionInternalError>
  withKey<A, E, R>(
    reference: string,
    operation: Operation,
    f: (view: KeyView) => Effect.Effect<A, E, R>
  ): Effect.Effect<A, E | KeyNotFound | RegionInternalError, R>
}>()("@trent/runtime/KeyResolver") {
  static readonly layer = Layer.effect(KeyResolver, Effect.gen(function*() {
    const config = yield* RegionConfig
    const aliases = yield* AliasDirectory
    const actors = yield* KeyActors
    const managed = yield* AwsManagedKeys
    const scope: ResourceScope = { partition: config.partition, region: config.region, account: config.account }

    const resolveId = (reference: string, operation: Operation): Effect.Effect<string, KeyNotFound | RegionInternalError> => {
      const parsed = parseKeyReference(reference, scope, acceptedForms(operation))
      switch (parsed._tag) {
        case "KeyId":
          return Effect.succeed(parsed.keyId)
        case "AliasName":
          return Effect.flatMap(aliases.lookup(parsed.aliasName), (alias) =>
            alias !== undefined
              ? Effect.succeed(alias.targetKeyId)
              // `alias/aws/<service>` names an AWS managed key even before its first use, which creates it.
              : Effect.flatMap(managed.resolve(parsed.aliasName), (keyId) =>
                keyId === undefined
                  ? Effect.fail(new KeyNotFound({ message: `Alias ${aliasArn(scope, parsed.aliasName)} is not found.` }))
                  : Effect.succeed(keyId)))
        default:
          return Effect.fail(new KeyNotFound({ message: parsed.message }))
      }
    }

    const withKey = <A, E, R>(
      reference: string,
      operation: Operation,
      f: (view: KeyView) => Effect.Effect<A, E, R>
    ): Effect.Effect<A, E | KeyNotFound | RegionInternalError, R> =>
      Effect.flatMap(resolveId(reference, operation), (keyId) =>
        Effect.flatMap(actors.view(keyId), (view): Effect.Effect<A, E | KeyNotFound, R> =>
          view.state.status === "Absent" || view.state.status === "Destroyed"
            ? Effect.fail(new KeyNotFound({ message: `Key '${keyArn(scope, keyId)}' does not exist` }))
            : f(view)))

    return KeyResolver.of({ scope, resolveId, withKey })
  }))
}
