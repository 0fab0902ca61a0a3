import { join, resolve } from "node:path"
import { AuditLog, fileChainOptions } from "@trent/audit"
import { Credentials } from "@trent/auth"
import { EventLog } from "@trent/event-log"
import { accountTopicPrefix, kafkaKeyvaultLayer, kafkaSchedulerLease, type KafkaStoreOptions, makeKafkaAuditStore, makeKafkaEventLog } from "@trent/event-log-kafka"
import type { KafkaSecurity } from "@trent/kafka-client"
import { type KafkaRequestHooks, KafkaRequests, RegionEventLogs } from "@trent/kafka-requests"
import { AppendPublisher, Region, RegionWriterSlot, SchedulerLease, withSiblingChains } from "@trent/runtime"
import { Effect, Layer, Logger, References } from "effect"
import { EdgeSettings } from "./EdgeSettings.ts"
import { XksStores } from "./xks/XksStores.ts"
import { HttpEdge } from "./HttpEdge.ts"
import { MetricsRegistry } from "./metrics/MetricsRegistry.ts"
import { regionMetricsLayer } from "./metrics/regionMetricsLayer.ts"
import { kafkaRequestEdgeLayer } from "./kafkaRequestEdgeLayer.ts"
import { Readiness } from "./Readiness.ts"
import { Regions } from "./Regions.ts"
import { SiblingWrites } from "./SiblingWrites.ts"
import { isWorkerProcess } from "./Workers.ts"
import { kafkaSecurityOf } from "./kafkaSecurityOf.ts"
import { reseedAfterReset, seedLayer } from "./seed/seedLayer.ts"
import { flatJsonLogger } from "./logging/flatJsonLogger.ts"
import type { ServerSettings } from "./ServerConfig.ts"

/** A Region's event log on Kafka, registered (with its catch-up) for the Kafka request worker. */
const kafkaEventLogRegistered = (options: KafkaStoreOptions, logs: RegionEventLogs["Service"], account: string) =>
  Layer.effect(EventLog, Effect.gen(function*() {
    const log = yield* makeKafkaEventLog(options)
    yield* logs.register(account, options.region, { eventLog: log.eventLog, catchUp: log.awaitTopicEnd, backlog: log.backlog })
    return log.eventLog
  }))

/**
 * A Region on the configured store: SQLite files under `dir`, or Kafka topics (with a local replica in
 * `dir`). Each process that runs the Region on `dir` (a worker, a server) has a writer slot there: on
 * Kafka its own replica file and audit chain, and the scheduler runs in whichever holds the group's lease.
 */
const regionLayerFor = (
  settings: ServerSettings,
  logs: RegionEventLogs["Service"],
  siblings: SiblingWrites["Service"],
  security: KafkaSecurity | undefined
) =>
(account: string, region: string, dir: string) =>
  regionOnStore(settings, logs, account, region, dir, security).pipe(
    // The other workers of this server note every append before it is acknowledged.
    Layer.provide(Layer.succeed(AppendPublisher, { published: (marks) => siblings.publish(account, region, marks) }))
  )

const regionOnStore = (
  settings: ServerSettings,
  logs: RegionEventLogs["Service"],
  account: string,
  region: string,
  dir: string,
  security: KafkaSecurity | undefined
) => {
  if (settings.store === "kafka") {
    const regionDir = join(dir, region)
    const options: KafkaStoreOptions = {
      brokers: settings.kafkaBrokers,
      region,
      dataDir: dir,
      // One account's Regions never share topics with another's.
      topicPrefix: accountTopicPrefix(settings.kafkaTopicPrefix, settings.accountId, account),
      security
    }
    const inSlot = <A, E, R>(build: (slot: RegionWriterSlot["Service"]) => Layer.Layer<A, E, R>) =>
      Layer.unwrap(Effect.map(Effect.service(RegionWriterSlot), build))
    return Region.layerOn(
      {
        region,
        account,
        rootKeyDir: regionDir,
        ...rootKeyEnv(settings),
        // The audit trail on Kafka: this writer's audit file, every batch also in `<prefix>.<region>.audit`.
        audit: inSlot((slot) => {
          const auditFile = join(regionDir, slot.fileName("audit.db"))
          return withSiblingChains(regionDir, auditFile).pipe(
            Layer.provide(AuditLog.layerStore(makeKafkaAuditStore({ ...options, auditFile }), { region, ...fileChainOptions(auditFile) }))
          )
        }),
        schedulerLease: Layer.effect(SchedulerLease, kafkaSchedulerLease(options))
      },
      Layer.merge(
        inSlot((slot) => kafkaEventLogRegistered({ ...options, replicaFile: join(regionDir, slot.fileName("kafka-replica.db")) }, logs, account)),
        kafkaKeyvaultLayer(options)
      )
    )
  }
  const registration = Layer.effectDiscard(EventLog.use((eventLog) => logs.register(account, region, { eventLog, catchUp: Effect.void })))
  return registration.pipe(Layer.provideMerge(Region.layerEmbedded({ region, account, dataDir: dir, ...rootKeyEnv(settings) })))
}

/** Flat JSON log lines on stdout at the configured level (logging/flatJsonLogger.ts). Never secrets: nothing logs key material. */
/** --root-key reaches RootKey.layer as TRENT_ROOT_KEY_SOURCE, beside the PIN variable its pin-source may name. */
const rootKeyEnv = (settings: ServerSettings) =>
  settings.rootKey === undefined ? {} : { env: { ...process.env, TRENT_ROOT_KEY_SOURCE: settings.rootKey } }

export const jsonLogs = (settings: Pick<ServerSettings, "logLevel">) =>
  Layer.merge(Logger.layer([flatJsonLogger]), Layer.succeed(References.MinimumLogLevel, settings.logLevel))

/** What tests inject into a server; nothing in production. */
export interface ServerHooks {
  readonly kafkaRequests?: KafkaRequestHooks
}

/**
 * The whole server as one layer: credentials (SigV4), the Regions on the
 * configured store, the HTTP edge and, with `kafkaRequests`, the Kafka request
 * worker beside it. Building it starts listening; releasing it stops the
 * worker (its batches in flight finish and commit), drains the HTTP requests
 * and closes the stores.
 */
export const serverLayer = (settings: ServerSettings, hooks: ServerHooks = {}) => {
  const dataDir = resolve(settings.dataDir)
  const credentials = Credentials.layer({
    dataDir,
    defaultRegion: settings.regions[0]!,
    devMode: settings.devMode,
    defaultAccountId: settings.accountId,
    ...(settings.credentialsConfig === undefined ? {} : { configFile: settings.credentialsConfig })
  })
  const regions = Layer.unwrap(Effect.gen(function*() {
    const defaultAccount = (yield* Credentials).defaultAccountId
    const logs = yield* RegionEventLogs
    const siblings = yield* SiblingWrites
    const security = settings.store === "kafka" ? yield* kafkaSecurityOf(settings) : undefined
    return Regions.layer({
      dataDir,
      regions: settings.regions,
      defaultAccount,
      regionLayer: regionLayerFor(settings, logs, siblings, security),
      afterReset: reseedAfterReset(settings, defaultAccount)
    })
  }))
  // Once the Regions are open, what the other workers append is applied here before a request is served.
  const siblingNotices = Layer.effectDiscard(Effect.gen(function*() {
    const regions = yield* Regions
    yield* (yield* SiblingWrites).applyTo(regions.opened)
  }))
  const edgeSettings = Layer.succeed(EdgeSettings, EdgeSettings.of({
    host: settings.host,
    port: settings.port,
    devMode: settings.devMode,
    // A reset wipes the files the other workers have open: only a server that is one process offers it.
    devReset: settings.devMode && !isWorkerProcess(),
    acceptSessionTokens: settings.acceptSessionTokens,
    maxBodyBytes: settings.maxBodyBytes,
    knownRegions: new Set(settings.regions),
    requestLogSample: settings.requestLogSample,
    audit: settings.audit,
    // Issue #15: HTTPS and the connection limits.
    tls: settings.tlsCert === undefined || settings.tlsKey === undefined
      ? undefined
      : { cert: settings.tlsCert, key: settings.tlsKey, clientCa: settings.tlsClientCa },
    connections: {
      maxConnections: settings.maxConnections,
      headersTimeoutMs: settings.headersTimeoutMs,
      requestTimeoutMs: settings.requestTimeoutMs,
      keepAliveTimeoutMs: settings.keepAliveTimeoutMs
    }
  }))
  const kafkaRequests = settings.kafkaRequests
    ? Layer.unwrap(Effect.gen(function*() {
      const c = yield* Credentials
      return KafkaRequests.layer({
        brokers: settings.kafkaBrokers,
        security: yield* kafkaSecurityOf(settings),
        topicPrefix: settings.kafkaTopicPrefix,
        defaultAccount: c.defaultAccountId,
        otherAccounts: settings.kafkaRequestAccounts,
        regions: settings.regions,
        maxBodyBytes: settings.maxBodyBytes,
        hooks: hooks.kafkaRequests
      }).pipe(Layer.provide(kafkaRequestEdgeLayer))
    }))
    : Layer.empty
  // The XKS proxy surface (--xks): its key stores' file, re-read when it changes.
  const xks = settings.xksConfig === undefined ? Layer.empty : XksStores.layer(settings.xksConfig, settings.regions)
  return Layer.mergeAll(HttpEdge.layer, kafkaRequests, regionMetricsLayer).pipe(
    Layer.provideMerge(xks),
    // GET /metrics serves what the edge, the Regions and the Kafka worker register here.
    Layer.provideMerge(MetricsRegistry.layer),
    Layer.provideMerge(siblingNotices),
    Layer.provideMerge(Readiness.layer({ maxLagMs: settings.readyMaxLagMs, timeoutMs: settings.readyTimeoutMs })),
    // Seeded before the edge listens, so no client ever sees the Region without its seed.
    Layer.provideMerge(seedLayer(settings)),
    Layer.provideMerge(regions),
    Layer.provideMerge(isWorkerProcess() ? SiblingWrites.cluster : SiblingWrites.none),
    Layer.provideMerge(RegionEventLogs.layer),
    Layer.provideMerge(edgeSettings),
    Layer.provideMerge(credentials),
    Layer.tap(() =>
      settings.devMode
        ? Effect.logWarning("dev mode: any well-formed signature is accepted as the default account's admin — never expose this server")
        : Effect.void
    )
  )
}
