import {
  arnOfKey,
  InvalidRequest,
  isReplica,
  type KeyCommand,
  KeyNotFound,
  type LiveKey,
  membershipToReplicate,
  replicaBeingCreated,
  type Replication as Membership,
  ResourceAlreadyExists,
  UnsupportedOperation
} from "@trent/domain"
import { Clock, Effect } from "effect"
import { KeyAccess } from "./KeyAccess.ts"
import { KeyActors } from "@trent/key-actors"
import { KeyMaterials } from "@trent/key-actors"
import { RegionConfig } from "@trent/key-actors"
import type { RegionOperationShapes } from "./RegionApi.ts"
import { Replication, rotationInTransit } from "@trent/replication"
import type { VersionInTransit } from "@trent/replication"

type MultiRegion = Pick<RegionOperationShapes, "replicateKey" | "updatePrimaryRegion">

const notMultiRegion = (state: LiveKey) =>
  new UnsupportedOperation({ message: `${arnOfKey(state.key)} is not a multi-Region key.` })

const notPrimary = (state: LiveKey) =>
  new UnsupportedOperation({
    message: `${arnOfKey(state.key)} is a multi-Region replica key; its primary key is in ${state.key.replication!.primaryRegion}.`
  })

/**
 * ReplicateKey and UpdatePrimaryRegion (aws-kms-api.md §3.9). A replica
 * gets the primary's versions in clear only in memory, re-wrapped under its
 * own Region's KEK on arrival; imported material never crosses (each Region
 * imports it). Membership changes are commands on every member's log.
 */
export const makeMultiRegionOperations = Effect.gen(function*() {
  const access = yield* KeyAccess
  const actors = yield* KeyActors
  const materials = yield* KeyMaterials
  const replication = yield* Replication
  const { region } = yield* RegionConfig

  const primaryOf = (state: LiveKey) =>
    state.key.replication === undefined
      ? Effect.fail(notMultiRegion(state))
      : isReplica(state.key)
      ? Effect.fail(notPrimary(state))
      : Effect.succeed(state.key.replication)

  /** Records the new membership on this (the primary's) log, then on every other member's. */
  const recordMembership = (keyId: string, membership: Membership, members: ReadonlyArray<string>) =>
    Effect.gen(function*() {
      yield* actors.execute(keyId, () =>
        Effect.map(Clock.currentTimeMillis, (now): KeyCommand => ({ _tag: "UpdateMultiRegionConfiguration", now, ...membership })))
      yield* replication.broadcast(keyId, members, membership)
    })

  const operations = {
    replicateKey: (request) =>
      Effect.gen(function*() {
        const { keyId, membership, created } = yield* access.read(request.keyId, "ReplicateKey", (state) =>
          Effect.gen(function*() {
            const current = membershipToReplicate(state)
            if (current instanceof UnsupportedOperation) return yield* current
            const arn = arnOfKey(state.key)
            if (request.replicaRegion === region || current.replicaRegions.includes(request.replicaRegion)) {
              return yield* new ResourceAlreadyExists({ message: `${arn} already has a replica in ${request.replicaRegion}.` })
            }
            if (!replication.hostedRegions.includes(request.replicaRegion)) {
              return yield* new InvalidRequest({
                message: `ReplicaRegion ${request.replicaRegion} is not a Region this deployment hosts.`
              })
            }
            const endpoint = yield* replication.peer(request.replicaRegion)
            const membership: Membership = {
              primaryRegion: region,
              replicaRegions: [...current.replicaRegions, request.replicaRegion]
            }
            // A replica made by an earlier ReplicateKey that stopped before recording it here: adopt it rather than refuse.
            const earlier = yield* endpoint.memberState(state.key.keyId)
            if (earlier !== undefined && earlier.primaryRegion === region) {
              return { keyId: state.key.keyId, membership, created: earlier }
            }
            // Generated material crosses in memory only; imported material is imported by each Region itself.
            const versions: Array<VersionInTransit> = []
            const release = Effect.sync(() => versions.forEach((v) => v.plaintext?.destroy()))
            const created = yield* Effect.gen(function*() {
              for (const version of state.key.versions) {
                versions.push({
                  materialId: version.materialId,
                  plaintext: state.key.origin === "EXTERNAL" ? undefined : yield* materials.exportMaterial(state.key.keyId, state, version.materialId),
                  createdAt: version.createdAt,
                  rotationType: version.rotationType,
                  imported: undefined
                })
              }
              return yield* endpoint.createReplica({
                keyId: state.key.keyId,
                primaryRegion: region,
                replicaRegions: membership.replicaRegions,
                keySpec: state.key.keySpec,
                keyUsage: state.key.keyUsage,
                origin: state.key.origin,
                description: request.description ?? "",
                policy: request.policy,
                bypassPolicyLockoutSafetyCheck: request.bypassPolicyLockoutSafetyCheck === true,
                tags: request.tags ?? [],
                versions,
                rotation: rotationInTransit(state.key)
              })
            }).pipe(Effect.ensuring(release))
            return { keyId: state.key.keyId, membership, created }
          }))
        yield* recordMembership(keyId, membership, membership.replicaRegions)
        const { state } = yield* actors.view(keyId)
        if (state.status !== "Absent") yield* replication.reconcileMaterial(keyId, state.key)
        // AWS answers while the replica is still being made.
        return { replicaKeyMetadata: replicaBeingCreated(created.metadata), replicaPolicy: created.policy, replicaTags: created.tags }
      }),

    updatePrimaryRegion: ({ keyId, primaryRegion }) =>
      Effect.gen(function*() {
        const { id, current } = yield* access.read(keyId, "UpdatePrimaryRegion", (state) =>
          Effect.map(primaryOf(state), (current) => ({ id: state.key.keyId, current })))
        if (primaryRegion === region) return
        if (!current.replicaRegions.includes(primaryRegion)) {
          return yield* new KeyNotFound({ message: `Key '${id}' has no replica in ${primaryRegion}.` })
        }
        const promoted = yield* replication.peer(primaryRegion)
        yield* promoted.checkPromotion(id)
        const membership: Membership = {
          primaryRegion,
          replicaRegions: [region, ...current.replicaRegions.filter((member) => member !== primaryRegion)]
        }
        // The new primary first, so that at every moment some member is primary.
        yield* promoted.applyConfiguration(id, membership)
        yield* recordMembership(id, membership, membership.replicaRegions)
      })
  } satisfies MultiRegion
  return operations
})
