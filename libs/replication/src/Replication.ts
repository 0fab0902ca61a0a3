import { isReplica, type KeyCommand, type KeyRecord, type Replication as Membership } from "@trent/domain"
import { Clock, Context, Effect, Layer } from "effect"
import type { Executed } from "@trent/key-actors"
import { KeyActors } from "@trent/key-actors"
import { KeyMaterials } from "@trent/key-actors"
import { RegionConfig } from "@trent/key-actors"
import { RegionInternalError } from "@trent/key-actors"
import { type ReplicaEndpoint, ReplicationPeers, type RotationSettingsInTransit } from "./ReplicationPeers.ts"

export const rotationInTransit = (key: KeyRecord): RotationSettingsInTransit => ({
  enabled: key.rotation.enabled,
  periodInDays: key.rotation.periodInDays,
  nextRotationAt: key.rotation.nextRotationAt
})

/**
 * Keeps a multi-Region key's members in step after a change to one of them
 * (aws-kms-api.md §3.9): a primary's new versions and rotation settings reach
 * every replica; a replica's deletion reaches the primary, and through it the
 * other members. The change itself is already durable in its own Region; a
 * member that cannot be reached is logged and left for the next change.
 */
export class Replication extends Context.Service<Replication, {
  peer(region: string): Effect.Effect<ReplicaEndpoint, RegionInternalError>
  readonly hostedRegions: ReadonlyArray<string>
  /** Tells every member except this Region about a membership change. */
  broadcast(keyId: string, members: ReadonlyArray<string>, membership: Membership): Effect.Effect<void>
  afterChange(executed: Executed): Effect.Effect<void>
  /** Delivers to every replica the versions it lacks (after a push that failed). */
  reconcileMaterial(keyId: string, key: KeyRecord): Effect.Effect<void>
}>()("@trent/replication/Replication") {
  static readonly layer = Layer.effect(Replication, Effect.gen(function*() {
    const { region } = yield* RegionConfig
    const peers = yield* ReplicationPeers
    const actors = yield* KeyActors
    const materials = yield* KeyMaterials

    const peer = (name: string) =>
      peers.peer(name).pipe(
        Effect.mapError((cause) => new RegionInternalError({ message: `Region ${name} does not answer`, cause })),
        Effect.flatMap((found) =>
          found === undefined
            ? Effect.fail(new RegionInternalError({ message: `Region ${name} is not hosted by this deployment` }))
            : Effect.succeed(found)
        )
      )

    const logged = (what: string) => <A, E>(effect: Effect.Effect<A, E>) =>
      effect.pipe(Effect.asVoid, Effect.catchCause((cause) => Effect.logError(`multi-Region ${what} failed`, cause)))

    const broadcast = (keyId: string, members: ReadonlyArray<string>, membership: Membership) =>
      Effect.forEach(
        members.filter((member) => member !== region),
        (member) =>
          Effect.flatMap(peer(member), (endpoint) => endpoint.applyConfiguration(keyId, membership)).pipe(
            logged(`configuration of ${keyId} in ${member}`)
          ),
        { discard: true }
      )

    /**
     * Brings every replica up to the primary's versions, oldest first: the
     * one just made, and any an earlier push failed to deliver. Imported
     * material never crosses; each Region imports it itself.
     */
    const reconcileMaterial = (keyId: string, key: KeyRecord) =>
      key.origin === "EXTERNAL" ? Effect.void : Effect.flatMap(actors.view(keyId), ({ state }) =>
        Effect.forEach(key.replication?.replicaRegions ?? [], (member) =>
          Effect.gen(function*() {
            const endpoint = yield* peer(member)
            const held = new Set((yield* endpoint.memberState(keyId))?.materialIds ?? [])
            for (const version of key.versions) {
              if (held.has(version.materialId) || version.wrapped.length === 0) continue
              const plaintext = yield* materials.exportMaterial(keyId, state, version.materialId)
              yield* endpoint.receiveMaterial(keyId, {
                materialId: version.materialId,
                plaintext,
                rotationType: version.rotationType ?? "ON_DEMAND",
                rotatedAt: version.createdAt,
                nextRotationAt: undefined
              }).pipe(Effect.ensuring(Effect.sync(() => plaintext.destroy())))
            }
          }).pipe(logged(`material of ${keyId} to ${member}`)), { discard: true }))

    /**
     * An UpdatePrimaryRegion cut short records the new primary first: a
     * replica that says it is the primary, and counts this Region among its
     * replicas, is right. This member takes its view and steps down.
     */
    const yieldToPromotedReplica = (keyId: string, replication: Membership) =>
      Effect.forEach(replication.replicaRegions, (member) =>
        Effect.gen(function*() {
          const claimed = yield* Effect.flatMap(peer(member), (endpoint) => endpoint.memberState(keyId))
          if (claimed === undefined || claimed.primaryRegion !== member || !claimed.replicaRegions.includes(region)) return
          yield* actors.execute(keyId, () =>
            Effect.map(Clock.currentTimeMillis, (now): KeyCommand => ({
              _tag: "UpdateMultiRegionConfiguration",
              now,
              primaryRegion: claimed.primaryRegion,
              replicaRegions: claimed.replicaRegions
            })))
          yield* Effect.logWarning(`multi-Region key ${keyId}: ${member} is its primary (an interrupted UpdatePrimaryRegion); ${region} is a replica again`)
        }).pipe(logged(`checking the primary of ${keyId} in ${member}`)), { discard: true })

    const afterChange = ({ events, state }: Executed) =>
      Effect.gen(function*() {
        if (events.length === 0 || state.status === "Absent" || state.key.replication === undefined) return
        const { key } = state
        const { keyId } = key
        const replication = key.replication!
        if (isReplica(key)) {
          if (events.some((event) => event._tag === "KeyMaterialDestroyed")) {
            yield* Effect.flatMap(peer(replication.primaryRegion), (primary) => primary.replicaGone(keyId, region)).pipe(
              logged(`deletion of replica ${keyId} reaching ${replication.primaryRegion}`)
            )
          }
          return
        }
        if (state.status !== "Destroyed" && events.some((event) => event._tag === "KeyRotated")) yield* reconcileMaterial(keyId, key)
        if (events.some((event) => event._tag === "KeyRotationEnabled" || event._tag === "KeyRotationDisabled" || event._tag === "KeyRotated")) {
          yield* Effect.forEach(replication.replicaRegions, (member) =>
            Effect.flatMap(peer(member), (endpoint) => endpoint.receiveRotationSettings(keyId, rotationInTransit(key))).pipe(
              logged(`rotation settings of ${keyId} to ${member}`)
            ), { discard: true })
        }
        if (state.status !== "Destroyed") yield* yieldToPromotedReplica(keyId, replication)
      }).pipe(logged("propagation of a change"))

    return Replication.of({
      peer,
      hostedRegions: peers.regions,
      broadcast,
      afterChange,
      reconcileMaterial: (keyId, key) => reconcileMaterial(keyId, key).pipe(logged(`reconciling ${keyId}`))
    })
  }))
}
