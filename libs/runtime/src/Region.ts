import { WebCrypto } from "@trent/crypto"
import { AuditLog, AuditSigner, generateAuditSigningKey } from "@trent/audit"
import { EventLog, Keyvault, RootKey } from "@trent/event-log"
import { Clock, Context, Duration, Effect, Layer, Option } from "effect"
import { join } from "node:path"
import { AliasDirectory } from "./AliasDirectory.ts"
import { CustomKeyStores } from "./CustomKeyStores.ts"
import { makeCustomKeyStoreOperations } from "./customKeyStoreOperations.ts"
import { AwsManagedKeys } from "./AwsManagedKeys.ts"
import { sweepDestroyedKeks } from "@trent/key-actors"
import { makeAliasOperations } from "./aliasOperations.ts"
import { makeCryptoOperations } from "./cryptoOperations.ts"
import { makeDataKeyOperations } from "./dataKeyOperations.ts"
import { makeGrantOperations } from "./grantOperations.ts"
import { makeLastUsageOperations } from "./lastUsageOperations.ts"
import { makeMacOperations } from "./macOperations.ts"
import { makePublicKeyOperations } from "./publicKeyOperations.ts"
import { withSiblingChains } from "./AuditSiblings.ts"
import { auditSignerLayer, publishAuditPublicKey } from "./AuditSigningKey.ts"
import { Authorization } from "./Authorization.ts"
import { KeyAccess } from "./KeyAccess.ts"
import { Freshness } from "@trent/key-actors"
import { KeyActors } from "@trent/key-actors"
import { KeyMaterials } from "@trent/key-actors"
import { publishedAppends } from "./AppendPublisher.ts"
import { LogFollower } from "./LogFollower.ts"
import { KeyEncryptionKeys } from "@trent/key-actors"
import { ROOT_KEY_CANARY_ID } from "@trent/key-actors"
import { makeKeyManagementOperations } from "./keyManagementOperations.ts"
import { KeyResolver } from "./KeyResolver.ts"
import { RegionConfig, type RegionSettings, defaultRegionSettings } from "@trent/key-actors"
import { RequestContext, systemRequest } from "@trent/key-actors"
import type { RegionApi } from "./RegionApi.ts"
import { makeRotationOperations } from "./rotationOperations.ts"
import { makeScheduledWork } from "./scheduledWork.ts"
import { fileSchedulerLease, SchedulerLease } from "./SchedulerLease.ts"
import { RegionWriterSlot } from "@trent/key-actors"
import { ImportParameters } from "@trent/key-actors"
import { makeImportOperations } from "./importOperations.ts"
import { makeMultiRegionOperations } from "./multiRegionOperations.ts"
import { makeReplicaEndpoint } from "./replicaEndpoint.ts"
import { Replication } from "@trent/replication"
import { makeXksOperations } from "./xksOperations.ts"
import { makeSeedOperations } from "./seedOperations.ts"

export type RegionOptions = Pick<RegionSettings, "region" | "account"> & Partial<RegionSettings>

/**
 * A Region: the isolation unit (ARCHITECTURE.md "Regions") — its own log,
 * keyvault, root key, actors, alias directory and scheduler.
 */
export class Region extends Context.Service<Region, RegionApi>()("@trent/runtime/Region") {
  /** The Region API over whatever EventLog, Keyvault, RootKey and WebCrypto are provided, with its scheduler running. */
  static readonly layerWithoutStores = Layer.effect(
    Region,
    Effect.gen(function*() {
      const config = yield* RegionConfig
      // The scheduler is Trent acting for itself, named as such in every event it appends.
      const runScheduledWork = (yield* makeScheduledWork).pipe(Effect.provideService(RequestContext, systemRequest("scheduler")))
      const actors = yield* KeyActors
      const audit = yield* AuditLog
      const freshness = yield* Freshness
      // A crash between KeyMaterialDestroyed and the KEK's removal leaves nothing behind once the Region is up.
      yield* sweepDestroyedKeks
      // What other writers append reaches this process's actors and aliases from here on.
      const follower = yield* LogFollower
      const api: RegionApi = {
        region: config.region,
        audit,
        ...(yield* makeKeyManagementOperations),
        ...(yield* makeRotationOperations),
        ...(yield* makeAliasOperations),
        ...(yield* makeCryptoOperations),
        ...(yield* makeDataKeyOperations),
        ...(yield* makePublicKeyOperations),
        ...(yield* makeMacOperations),
        ...(yield* makeGrantOperations),
        ...(yield* makeLastUsageOperations),
        ...(yield* makeImportOperations),
        ...(yield* makeMultiRegionOperations),
        ...(yield* makeCustomKeyStoreOperations),
        xks: yield* makeXksOperations,
        ...(yield* makeSeedOperations),
        replication: yield* makeReplicaEndpoint,
        freshness: freshness.report,
        caughtUp: follower.caughtUp,
        applied: (marks) => Effect.forEach(marks, follower.applied, { concurrency: "unbounded", discard: true }),
        runScheduledWork
      }
      const lease = yield* SchedulerLease
      const tick = Effect.gen(function*() {
        if (yield* lease.held) yield* runScheduledWork
        yield* actors.evictIdle(yield* Clock.currentTimeMillis)
      }).pipe(Effect.catchCause((cause) => Effect.logError("scheduled work failed", cause)))
      yield* Effect.forkScoped(
        Effect.forever(Effect.andThen(Effect.sleep(Duration.millis(config.schedulerIntervalMs)), tick))
      )
      return Region.of(api)
    })
  ).pipe(
    Layer.provideMerge(LogFollower.layer),
    Layer.provideMerge(KeyAccess.layer),
    Layer.provideMerge(Replication.layer),
    Layer.provide(ImportParameters.layer),
    Layer.provideMerge(Authorization.layer),
    Layer.provide(KeyResolver.layer),
    Layer.provide(AwsManagedKeys.layer),
    Layer.provideMerge(KeyMaterials.layer),
    Layer.provideMerge(AliasDirectory.layer),
    Layer.provideMerge(CustomKeyStores.layer),
    Layer.provideMerge(KeyActors.layer),
    Layer.provideMerge(Freshness.layer),
    Layer.provide(KeyEncryptionKeys.layer),
    // Every append above is told to this process's siblings before it is acknowledged.
    Layer.provide(publishedAppends)
  )

  /** An audit log in memory with a fresh signing key, for Regions built in tests. */
  static readonly memoryAudit = (region: string): Layer.Layer<AuditLog> =>
    AuditLog.layerMemory({ region }).pipe(
      Layer.provide(Layer.effect(AuditSigner, AuditSigner.fromPrivateKey(generateAuditSigningKey().privateKey).pipe(Effect.orDie)))
    )

  static readonly config = (options: RegionOptions) =>
    Layer.succeed(RegionConfig, RegionConfig.of({ ...defaultRegionSettings, ...options }))

  /**
   * A Region on the given stores (an EventLog and a Keyvault: SQLite, Kafka…),
   * with the Region's root key (TRENT_ROOT_KEY, TRENT_ROOT_KEY_FILE, or
   * `${rootKeyDir}/root.key`) and @peculiar/webcrypto. Several processes may
   * run the same Region on one directory: each claims a writer slot there
   * (its own audit chain, its own Kafka replica), and the scheduler runs in
   * the one holding the lease (by default a lock file in the directory).
   */
  static readonly layerOn = <E>(
    options: RegionOptions & {
      readonly rootKeyDir: string
      readonly env?: Record<string, string | undefined>
      /** The Region's audit log; by default its own SQLite file, `${rootKeyDir}/audit.db` (`audit-<slot>.db`). */
      readonly audit?: Layer.Layer<AuditLog, unknown, AuditSigner | RegionWriterSlot> | undefined
      /** Who runs the scheduler; by default the holder of `${rootKeyDir}/scheduler.lock`. */
      readonly schedulerLease?: Layer.Layer<never, unknown, never> | undefined
    },
    stores: Layer.Layer<EventLog | Keyvault, E, RegionWriterSlot>
  ) =>
    Region.layerWithoutStores.pipe(
      Layer.provideMerge(
        (options.audit ?? slotAuditFile(options.rootKeyDir, options.region)).pipe(
          Layer.tap((context) =>
            publishAuditPublicKey(join(options.rootKeyDir, "audit-public-key.pem"), options.region, Context.get(context, AuditLog).publicKey)
          ),
          Layer.provide(auditSignerLayer)
        )
      ),
      Layer.provideMerge(Region.config(options)),
      Layer.provide(rootKeyOf(options)),
      Layer.provideMerge(stores),
      Layer.provideMerge(RegionWriterSlot.layer(options.rootKeyDir)),
      Layer.provideMerge(options.schedulerLease ?? fileSchedulerLease(options.rootKeyDir)),
      Layer.provideMerge(WebCrypto.layer)
    )

  /**
   * The embedded default: `${dataDir}/${region}/events.db` (WAL, synchronous=FULL),
   * `keyvault.db` (secure_delete), `audit.db` and `root.key` (0600) unless TRENT_ROOT_KEY(_FILE) is set.
   */
  static readonly layerEmbedded = (options: RegionOptions & { readonly dataDir: string; readonly env?: Record<string, string | undefined> }) => {
    const dir = join(options.dataDir, options.region)
    return Region.layerOn(
      { keyvaultLocation: join(dir, "keyvault.db"), ...options, rootKeyDir: dir },
      Layer.merge(
        EventLog.layerSqlite({ file: join(dir, "events.db"), region: options.region }),
        Keyvault.layerSqlite({ file: join(dir, "keyvault.db") })
      )
    )
  }
}

/**
 * The Region's root key. Once the Region has started — its audit files in its directory, events in
 * its log or the root-key canary in its keyvault, wherever those live (a new data directory on Kafka
 * topics that hold keys) — a missing root.key is lost, never made anew: a new one could open none of
 * the keys wrapped under the old one. (The stores' own files prove nothing: they open before this.)
 */
const rootKeyOf = (options: { readonly rootKeyDir: string; readonly env?: Record<string, string | undefined> }) =>
  Layer.unwrap(Effect.gen(function*() {
    const head = yield* (yield* EventLog).head
    const canary = yield* (yield* Keyvault).get(ROOT_KEY_CANARY_ID)
    const stored = [...(head === 0 ? [] : [`${head} ${head === 1 ? "event" : "events"} in its log`]), ...(Option.isSome(canary) ? ["its keyvault"] : [])]
    return RootKey.layer({
      dataDir: options.rootKeyDir,
      stateFiles: ["audit.db", "audit-public-key.pem"],
      storedState: stored.length === 0 ? undefined : stored.join(", "),
      ...(options.env === undefined ? {} : { env: options.env })
    })
  }))

/** This writer's own audit hash chain: `audit.db` for slot 0, `audit-<n>.db` for slot n. */
const slotAuditFile = (dir: string, region: string) =>
  Layer.unwrap(Effect.gen(function*() {
    const slot = yield* RegionWriterSlot
    const file = join(dir, slot.fileName("audit.db"))
    return withSiblingChains(dir, file).pipe(Layer.provide(AuditLog.layerSqlite({ file, region })))
  }))
