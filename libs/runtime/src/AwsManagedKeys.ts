import { WebCrypto } from "@trent/crypto"
import {
  aliasArn,
  awsManagedKeyDescription,
  awsManagedKeyPolicy,
  awsManagedServiceOf,
  decideKey,
  isKeyRejection,
  type KeyCommand,
  type ResourceScope
} from "@trent/domain"
import { Clock, Context, Effect, Layer, Semaphore } from "effect"
import { AliasDirectory } from "./AliasDirectory.ts"
import { KeyActors } from "@trent/key-actors"
import { KeyMaterials } from "@trent/key-actors"
import { RegionConfig } from "@trent/key-actors"
import { RegionInternalError } from "@trent/key-actors"
import { RequestContext, systemRequest } from "@trent/key-actors"

const format = (h: string) => `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`

/**
 * The managed key's id, a UUID derived from the account, Region and service:
 * every process (workers, servers on one Kafka store) that meets the alias
 * first creates the same key, the conditional append lets one win, and no
 * second key is ever made for a service.
 */
const managedKeyId = (scope: ResourceScope, service: string) =>
  WebCrypto.use((crypto) =>
    Effect.promise(async () => {
      const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`trent aws managed key ${scope.partition}:${scope.account}:${scope.region}:${service}`))
      return format(Buffer.from(digest).toString("hex"))
    }))

/**
 * AWS managed keys (`alias/aws/<service>`): created by Trent, on first use of
 * the alias, with KeyManager AWS, AWS's default policy and description, and
 * yearly rotation — as AWS creates them when a service (or DescribeKey) first
 * names the alias. Users can read them; their policy lets nobody change them.
 */
export class AwsManagedKeys extends Context.Service<AwsManagedKeys, {
  /** The key an `alias/aws/<service>` names, created with its alias on first use; undefined for any other name. */
  resolve(aliasName: string): Effect.Effect<string | undefined, RegionInternalError>
}>()("@trent/runtime/AwsManagedKeys") {
  static readonly layer = Layer.effect(AwsManagedKeys, Effect.gen(function*() {
    const config = yield* RegionConfig
    const aliases = yield* AliasDirectory
    const actors = yield* KeyActors
    const materials = yield* KeyMaterials
    const webCrypto = yield* WebCrypto
    const scope: ResourceScope = { partition: config.partition, region: config.region, account: config.account }
    // One first use at a time in this process; other processes race on the conditional appends.
    const creating = Semaphore.makeUnsafe(1)
    const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })

    const createKey = (keyId: string, service: string) =>
      actors.execute(keyId, (state) =>
        Effect.gen(function*() {
          const now = yield* Clock.currentTimeMillis
          const command = (material: { materialId: string; wrapped: Uint8Array }): KeyCommand => ({
            _tag: "CreateKey",
            now,
            keyId,
            ...scope,
            keySpec: "SYMMETRIC_DEFAULT",
            keyUsage: "ENCRYPT_DECRYPT",
            origin: "AWS_KMS",
            multiRegion: false,
            description: awsManagedKeyDescription(service),
            policy: awsManagedKeyPolicy(scope, service),
            tags: [],
            material,
            awsManagedFor: service
          })
          const dry = decideKey(state, command({ materialId: "pending", wrapped: new Uint8Array() }))
          if (isKeyRejection(dry)) return yield* Effect.fail(dry)
          return command((yield* materials.newMaterial(keyId, "SYMMETRIC_DEFAULT", { createKek: true })).wrapped)
        })).pipe(
          Effect.asVoid,
          // Another process created it first (same id): its key stands.
          Effect.catchTag("KeyInvalidState", () => Effect.void),
          Effect.catchIf((e) => e._tag !== "RegionInternalError", internal(`creating the AWS managed key for ${service} was refused`))
        )

    const create = (aliasName: string, service: string) =>
      creating.withPermits(1)(Effect.gen(function*() {
        const raced = yield* aliases.lookup(aliasName)
        if (raced !== undefined) return raced.targetKeyId
        const keyId = yield* Effect.provideService(managedKeyId(scope, service), WebCrypto, webCrypto)
        const { state } = yield* actors.view(keyId)
        if (state.status === "Absent") yield* createKey(keyId, service)
        const now = yield* Clock.currentTimeMillis
        yield* aliases.apply(aliasName, { _tag: "CreateAlias", now, aliasName, aliasArn: aliasArn(scope, aliasName), targetKeyId: keyId, awsManaged: true })
          .pipe(
            Effect.catchTag("AliasAlreadyExists", () => Effect.void),
            Effect.catchIf((e) => e._tag !== "RegionInternalError", internal(`naming the AWS managed key ${aliasName} was refused`))
          )
        return keyId
      })).pipe(
        // AWS creates these keys, not the caller: the events name Trent.
        Effect.provideService(RequestContext, systemRequest("aws-managed-keys"))
      )

    return AwsManagedKeys.of({
      resolve: (aliasName) => {
        const service = awsManagedServiceOf(aliasName)
        if (service === undefined) return Effect.succeed(undefined)
        return Effect.flatMap(aliases.lookup(aliasName), (alias) => alias !== undefined ? Effect.succeed(alias.targetKeyId) : create(aliasName, service))
      }
    })
  }))
}
