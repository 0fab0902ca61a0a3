import {
  decideKey,
  isKeyRejection,
  type KeyCommand,
  keyArn,
  keyMetadata,
  KeyNotFound,
  type LiveKey,
  type ReplicatedVersion
} from "@trent/domain"
import { Clock, Effect } from "effect"
import { Authorization } from "./Authorization.ts"
import { KeyAccess } from "./KeyAccess.ts"
import { KeyActors } from "@trent/key-actors"
import { KeyMaterials } from "@trent/key-actors"
import { KeyResolver } from "./KeyResolver.ts"
import { RegionConfig } from "@trent/key-actors"
import { Replication } from "@trent/replication"
import type { ReplicaEndpoint, ReplicaRequest } from "@trent/replication"

const noBytes = new Uint8Array()

/** This Region's side of replication (ReplicationPeers.ts): each call is a command on the member's own log. */
export const makeReplicaEndpoint = Effect.gen(function*() {
  const { region } = yield* RegionConfig
  const actors = yield* KeyActors
  const materials = yield* KeyMaterials
  const access = yield* KeyAccess
  const authorization = yield* Authorization
  const replication = yield* Replication
  const { scope } = yield* KeyResolver

  const run = (keyId: string, build: (now: number) => KeyCommand) =>
    actors.execute(keyId, () => Effect.map(Clock.currentTimeMillis, build))

  const createReplica = (request: ReplicaRequest) =>
    Effect.gen(function*() {
      // The caller needs kms:CreateKey in the replica's Region too, as on AWS.
      yield* authorization.forRequest("kms:CreateKey", "*", {
        requestTags: Object.fromEntries(request.tags.map((tag) => [tag.tagKey, tag.tagValue]))
      })
      const command = (now: number, versions: ReadonlyArray<ReplicatedVersion>): KeyCommand => ({
        _tag: "CreateReplicaKey",
        now,
        keyId: request.keyId,
        ...scope,
        primaryRegion: request.primaryRegion,
        replicaRegions: request.replicaRegions,
        keySpec: request.keySpec,
        keyUsage: request.keyUsage,
        origin: request.origin,
        description: request.description,
        policy: request.policy,
        tags: request.tags,
        versions,
        rotation: {
          enabled: request.rotation.enabled,
          periodInDays: request.rotation.periodInDays ?? null,
          nextRotationAt: request.rotation.nextRotationAt ?? null
        }
      })
      const { state } = yield* actors.execute(request.keyId, (before) =>
          Effect.gen(function*() {
            const now = yield* Clock.currentTimeMillis
            const dry = decideKey(before, command(now, []))
            if (isKeyRejection(dry)) return yield* Effect.fail(dry)
            if (request.policy !== undefined && !request.bypassPolicyLockoutSafetyCheck) {
              yield* authorization.lockoutCheck(request.policy, { keyArn: keyArn(scope, request.keyId), account: scope.account })
            }
            yield* materials.createKek(request.keyId)
            const versions: Array<ReplicatedVersion> = []
            for (const version of request.versions) {
              const wrapped = version.plaintext === undefined
                ? noBytes
                : (yield* materials.adoptMaterial(request.keyId, request.keySpec, version.materialId, version.plaintext)).wrapped
              versions.push({
                materialId: version.materialId,
                wrapped,
                createdAt: version.createdAt,
                rotationType: version.rotationType ?? null,
                imported: version.imported ?? null
              })
            }
            return command(now, versions)
          }))
      const live = state as LiveKey
      return { metadata: keyMetadata(live), policy: live.key.policy, tags: live.key.tags }
    })

  const endpoint: ReplicaEndpoint = {
    region,
    createReplica,
    memberState: (keyId) =>
      Effect.flatMap(actors.view(keyId), ({ state }) => {
        if (state.status === "Absent" || state.status === "Destroyed" || state.key.replication === undefined) {
          return Effect.succeed(undefined)
        }
        return Effect.succeed({
          metadata: keyMetadata(state),
          policy: state.key.policy,
          tags: state.key.tags,
          primaryRegion: state.key.replication.primaryRegion,
          replicaRegions: state.key.replication.replicaRegions,
          materialIds: state.key.versions.filter((v) => v.wrapped.length > 0).map((v) => v.materialId)
        })
      }),
    checkPromotion: (keyId) => access.read(keyId, "UpdatePrimaryRegion", () => Effect.void),
    applyConfiguration: (keyId, membership) =>
      run(keyId, (now) => ({ _tag: "UpdateMultiRegionConfiguration", now, ...membership })).pipe(Effect.asVoid),
    receiveMaterial: (keyId, version) =>
      actors.execute(keyId, (before) =>
          Effect.gen(function*() {
            const now = yield* Clock.currentTimeMillis
            if (before.status === "Absent" || before.status === "Destroyed") {
              return yield* new KeyNotFound({ message: `Key '${keyArn(scope, keyId)}' does not exist` })
            }
            const held = before.key.versions.some((v) => v.materialId === version.materialId)
            const material = held
              ? { materialId: version.materialId, wrapped: noBytes }
              : yield* materials.adoptMaterial(keyId, before.key.keySpec, version.materialId, version.plaintext)
            return {
              _tag: "ReplicateMaterial",
              now,
              material,
              rotationType: version.rotationType,
              rotatedAt: version.rotatedAt,
              nextRotationAt: version.nextRotationAt ?? null
            } satisfies KeyCommand
          })).pipe(Effect.asVoid),
    receiveRotationSettings: (keyId, rotation) =>
      run(keyId, (now) => ({
        _tag: "SyncRotationSettings",
        now,
        rotation: {
          enabled: rotation.enabled,
          periodInDays: rotation.periodInDays ?? null,
          nextRotationAt: rotation.nextRotationAt ?? null
        }
      })).pipe(Effect.asVoid),
    replicaGone: (keyId, gone) =>
      Effect.gen(function*() {
        const { state } = yield* actors.execute(keyId, (before) =>
            Effect.map(Clock.currentTimeMillis, (now): KeyCommand => {
              const current = before.status === "Absent" ? undefined : before.key.replication
              return {
                _tag: "UpdateMultiRegionConfiguration",
                now,
                primaryRegion: current?.primaryRegion ?? region,
                replicaRegions: (current?.replicaRegions ?? []).filter((member) => member !== gone)
              }
            }))
        if (state.status === "Absent" || state.key.replication === undefined) return
        yield* replication.broadcast(keyId, state.key.replication.replicaRegions, state.key.replication)
      })
  }
  return endpoint
})
