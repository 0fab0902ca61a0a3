import { join, resolve } from "node:path"
import { Credentials } from "@trent/auth"
import { kafkaEventLogLayer, kafkaKeyvaultLayer, type KafkaStoreOptions } from "@trent/event-log-kafka"
import { Region } from "@trent/runtime"
import { Effect, Layer, Logger, References } from "effect"
import { EdgeSettings } from "./EdgeSettings.ts"
import { HttpEdge } from "./HttpEdge.ts"
import { Regions } from "./Regions.ts"
import type { ServerSettings } from "./ServerConfig.ts"

const kafkaStoresFor = (options: KafkaStoreOptions) => Layer.merge(kafkaEventLogLayer(options), kafkaKeyvaultLayer(options))

/** A Region on the configured store: SQLite files under `dir`, or Kafka topics (with a local replica in `dir`). */
const regionLayerFor = (settings: ServerSettings) => (account: string, region: string, dir: string) =>
  settings.store === "kafka"
    ? Region.layerOn(
      { region, account, rootKeyDir: join(dir, region) },
      kafkaStoresFor({
        brokers: settings.kafkaBrokers,
        region,
        dataDir: dir,
        // One account's Regions never share topics with another's.
        topicPrefix: account === settings.accountId ? settings.kafkaTopicPrefix : `${settings.kafkaTopicPrefix}.${account}`
      })
    )
    : Region.layerEmbedded({ region, account, dataDir: dir })

/** Structured JSON log lines on stdout at the configured level. Never secrets: nothing logs key material. */
export const jsonLogs = (settings: Pick<ServerSettings, "logLevel">) =>
  Layer.merge(Logger.layer([Logger.consoleJson]), Layer.succeed(References.MinimumLogLevel, settings.logLevel))

/**
 * The whole server as one layer: credentials (SigV4), the Regions on the
 * embedded store, and the HTTP edge. Building it starts listening; releasing
 * it drains requests and closes the stores.
 */
export const serverLayer = (settings: ServerSettings) => {
  const dataDir = resolve(settings.dataDir)
  const credentials = Credentials.layer({
    dataDir,
    defaultRegion: settings.regions[0]!,
    devMode: settings.devMode,
    defaultAccountId: settings.accountId,
    ...(settings.credentialsConfig === undefined ? {} : { configFile: settings.credentialsConfig })
  })
  const regions = Layer.unwrap(Credentials.useSync((c) =>
    Regions.layer({ dataDir, regions: settings.regions, defaultAccount: c.defaultAccountId, regionLayer: regionLayerFor(settings) })))
  const edgeSettings = Layer.succeed(EdgeSettings, EdgeSettings.of({
    host: settings.host,
    port: settings.port,
    devMode: settings.devMode,
    acceptSessionTokens: settings.acceptSessionTokens,
    maxBodyBytes: settings.maxBodyBytes,
    knownRegions: new Set(settings.regions),
    requestLogs: settings.logLevel === "Debug" || settings.logLevel === "Trace"
  }))
  return HttpEdge.layer.pipe(
    Layer.provideMerge(regions),
    Layer.provideMerge(edgeSettings),
    Layer.provideMerge(credentials),
    Layer.tap(() =>
      settings.devMode
        ? Effect.logWarning("dev mode: any well-formed signature is accepted as the default account's admin — never expose this server")
        : Effect.void
    )
  )
}
