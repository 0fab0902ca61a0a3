import {
  AliasReserved,
  AWS_MANAGED_ALIAS_PREFIX,
  awsManagedServices,
  aliasArn,
  checkAliasName,
  checkAliasTarget,
  type Key,
  keyArn,
  KeyNotFound,
  type ResourceScope
} from "@trent/domain"
import { Clock, Effect } from "effect"
import { AliasDirectory } from "./AliasDirectory.ts"
import { Authorization } from "./Authorization.ts"
import { KeyActors } from "@trent/key-actors"
import { KeyResolver } from "./KeyResolver.ts"
import { fromPage } from "./keyManagementOperations.ts"
import { pageAfter } from "./Pagination.ts"
import type { AliasListEntry, RegionOperationShapes } from "./RegionApi.ts"

type Aliases = Pick<RegionOperationShapes, "createAlias" | "updateAlias" | "deleteAlias" | "listAliases">

const listAliasesLimits = { list: "ListAliases", max: 100, fallback: 50 }

const entry = (scope: ResourceScope) => (alias: { aliasName: string; targetKeyId: string; createdAt: number; updatedAt: number }): AliasListEntry => ({
  aliasName: alias.aliasName,
  aliasArn: aliasArn(scope, alias.aliasName),
  targetKeyId: alias.targetKeyId,
  creationDate: alias.createdAt,
  lastUpdatedDate: alias.updatedAt
})

/**
 * ListAliases without KeyId lists AWS's predefined `alias/aws/<service>` names
 * too, before their keys exist (then without TargetKeyId), as AWS lists a
 * fresh account's (aws-kms-api.md §7.3); in name order, like every listing.
 */
const withPredefined = (scope: ResourceScope, entries: ReadonlyArray<AliasListEntry>): ReadonlyArray<AliasListEntry> => {
  const named = new Set(entries.map((e) => e.aliasName))
  const predefined = Object.entries(awsManagedServices)
    .filter(([service, { predefined }]) => predefined && !named.has(`${AWS_MANAGED_ALIAS_PREFIX}${service}`))
    .map(([service]): AliasListEntry => {
      const aliasName = `${AWS_MANAGED_ALIAS_PREFIX}${service}`
      return { aliasName, aliasArn: aliasArn(scope, aliasName), targetKeyId: undefined, creationDate: undefined, lastUpdatedDate: undefined }
    })
  return [...entries, ...predefined].sort((a, b) => (a.aliasName < b.aliasName ? -1 : a.aliasName > b.aliasName ? 1 : 0))
}

export const makeAliasOperations = Effect.gen(function*() {
  const directory = yield* AliasDirectory
  const resolver = yield* KeyResolver
  const actors = yield* KeyActors
  const authorization = yield* Authorization
  const { scope } = resolver

  /**
   * Alias operations need the action on the alias (identity policies) and on
   * every key involved (its key policy): AWS KMS Developer Guide, "Controlling
   * access to aliases".
   */
  const authorizeOnKey = (operation: "CreateAlias" | "UpdateAlias" | "DeleteAlias", keyId: string, state: Key) =>
    state.status === "Absent" || state.status === "Destroyed"
      ? Effect.void
      : authorization.forKey(state.key, operation, keyId)

  /** TargetKeyId must be a key id or key ARN, never an alias (§7.3). */
  const withTarget = <A, E>(operation: "CreateAlias" | "UpdateAlias", targetKeyId: string, f: (keyId: string, target: Key) => Effect.Effect<A, E>) =>
    Effect.flatMap(resolver.resolveId(targetKeyId, operation), (keyId) =>
      Effect.flatMap(actors.view(keyId), ({ state }) => Effect.andThen(authorizeOnKey(operation, keyId, state), f(keyId, state))))

  const currentTargetState = (keyId: string) => Effect.map(actors.view(keyId), ({ state }) => state)

  const operations = {
    createAlias: ({ aliasName, targetKeyId }) =>
      Effect.gen(function*() {
        const invalid = checkAliasName(aliasName)
        if (invalid !== undefined) return yield* invalid
        yield* authorization.forRequest("kms:CreateAlias", aliasArn(scope, aliasName))
        yield* withTarget("CreateAlias", targetKeyId, (keyId, target) =>
          Effect.gen(function*() {
            const rejected = checkAliasTarget({
              operation: "CreateAlias",
              target,
              targetArn: keyArn(scope, keyId),
              aliasesOfTarget: yield* directory.countFor(keyId)
            })
            if (rejected !== undefined) return yield* rejected
            const now = yield* Clock.currentTimeMillis
            yield* directory.apply(aliasName, { _tag: "CreateAlias", now, aliasName, aliasArn: aliasArn(scope, aliasName), targetKeyId: keyId })
          }))
      }),
    updateAlias: ({ aliasName, targetKeyId }) =>
      Effect.gen(function*() {
        // AWS managed keys' aliases are AWS's: nobody retargets them (aws-kms-api.md §7.3).
        if (aliasName.startsWith(AWS_MANAGED_ALIAS_PREFIX)) return yield* new AliasReserved({ message: "" })
        yield* authorization.forRequest("kms:UpdateAlias", aliasArn(scope, aliasName))
        const current = yield* directory.lookup(aliasName)
        if (current === undefined) return yield* new KeyNotFound({ message: `Alias ${aliasArn(scope, aliasName)} is not found.` })
        const currentTarget = yield* currentTargetState(current.targetKeyId)
        yield* authorizeOnKey("UpdateAlias", current.targetKeyId, currentTarget)
        yield* withTarget("UpdateAlias", targetKeyId, (keyId, target) =>
          Effect.gen(function*() {
            const rejected = checkAliasTarget({
              operation: "UpdateAlias",
              target,
              targetArn: keyArn(scope, keyId),
              aliasesOfTarget: keyId === current.targetKeyId ? 0 : yield* directory.countFor(keyId),
              currentTarget
            })
            if (rejected !== undefined) return yield* rejected
            const now = yield* Clock.currentTimeMillis
            yield* directory.apply(aliasName, { _tag: "UpdateAlias", now, aliasArn: aliasArn(scope, aliasName), targetKeyId: keyId })
          }))
      }),
    deleteAlias: ({ aliasName }) =>
      Effect.gen(function*() {
        const invalid = checkAliasName(aliasName)
        // An invalid name, or one in AWS's reserved space: AWS managed keys' aliases are never deleted.
        if (invalid !== undefined) return yield* invalid
        yield* authorization.forRequest("kms:DeleteAlias", aliasArn(scope, aliasName))
        const current = yield* directory.lookup(aliasName)
        if (current !== undefined) {
          yield* authorizeOnKey("DeleteAlias", current.targetKeyId, yield* currentTargetState(current.targetKeyId))
        }
        const now = yield* Clock.currentTimeMillis
        yield* directory.apply(aliasName, { _tag: "DeleteAlias", now, aliasArn: aliasArn(scope, aliasName) })
      }),
    listAliases: ({ keyId, ...page }) =>
      Effect.gen(function*() {
        yield* authorization.forRequest("kms:ListAliases", "*")
        const all = yield* directory.list
        const target = keyId === undefined
          ? undefined
          : yield* resolver.withKey(keyId, "ListAliases", (view) => Effect.succeed(view.keyId))
        const aliases = target === undefined ? all : all.filter((alias) => alias.targetKeyId === target)
        const entries = target === undefined ? withPredefined(scope, aliases.map(entry(scope))) : aliases.map(entry(scope))
        return yield* fromPage(pageAfter(entries, (alias) => alias.aliasName, page, listAliasesLimits))
      })
  } satisfies Aliases
  return operations
})
