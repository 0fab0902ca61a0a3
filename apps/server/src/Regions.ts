import { rmSync } from "node:fs"
import { join } from "node:path"
import { type FreshnessReport, Region, type RegionApi, ReplicationPeers } from "@trent/runtime"
import { Context, Effect, Exit, Layer, Scope, Semaphore } from "effect"

export interface RegionsOptions {
  readonly dataDir: string
  readonly regions: ReadonlyArray<string>
  readonly defaultAccount: string
  /** The Region layer for one account's Region whose local files live in `dir`. */
  readonly regionLayer: (account: string, region: string, dir: string) => Layer.Layer<Region, unknown>
  /** Runs after a dev reset has started the default account's Regions again (the seed file, applied anew). */
  readonly afterReset?: ((regions: Regions["Service"]) => Effect.Effect<void, unknown>) | undefined
}

/**
 * The Regions this server hosts. A Region serves one account: the default
 * account's Regions live in `${dataDir}/${region}` and start with the server;
 * another account's (reachable through the credentials config, or a 12-digit
 * access key in dev mode) start on first use in `${dataDir}/accounts/${account}/${region}`,
 * so accounts never see each other's keys (on Kafka, each account's Regions have
 * their own topics too). In dev mode `reset` wipes them all.
 */
export class Regions extends Context.Service<Regions, {
  readonly names: ReadonlyArray<string>
  get(account: string, region: string): Effect.Effect<RegionApi | undefined, unknown>
  /** The Region if it is running in this process, without starting it. */
  opened(account: string, region: string): RegionApi | undefined
  readonly reset: Effect.Effect<void, unknown>
  /** Each running Region's freshness: how far behind other writers' changes this process is. */
  readonly freshness: Effect.Effect<ReadonlyArray<{ readonly account: string; readonly region: string; readonly report: FreshnessReport }>>
  /** The Regions running now (the default account's, and others' started on first use), for readiness. */
  readonly running: Effect.Effect<ReadonlyArray<{ readonly account: string; readonly region: string; readonly api: RegionApi }>>
}>()("@trent/server/Regions") {
  static layer(options: RegionsOptions) {
    return Layer.effect(Regions, Effect.gen(function*() {
      const open = new Map<string, { api: RegionApi; scope: Scope.Closeable }>()
      const lock = Semaphore.makeUnsafe(1)
      const dirOf = (account: string) =>
        account === options.defaultAccount ? options.dataDir : join(options.dataDir, "accounts", account)

      // A Region reaches its account's other Regions for multi-Region keys (ReplicationPeers): started on first use.
      const peersOf = (account: string) =>
        Layer.succeed(ReplicationPeers, {
          regions: options.regions,
          peer: (region: string) => Effect.map(get(account, region), (api) => api?.replication)
        })

      const startOne = (account: string, region: string) =>
        Effect.gen(function*() {
          const scope = yield* Scope.make()
          const layer = options.regionLayer(account, region, dirOf(account)).pipe(Layer.provide(peersOf(account)))
          const context = yield* Layer.buildWithScope(layer, scope).pipe(Effect.onError(() => Scope.close(scope, Exit.void)))
          const api = Context.get(context, Region)
          open.set(`${account}/${region}`, { api, scope })
          return api
        })

      const stopAll = Effect.suspend(() =>
        Effect.forEach([...open.values()], ({ scope }) => Scope.close(scope, Exit.void), { discard: true })
      ).pipe(Effect.andThen(Effect.sync(() => open.clear())))

      const startDefault = Effect.forEach(options.regions, (region) => startOne(options.defaultAccount, region), { discard: true })

      yield* startDefault
      yield* Effect.addFinalizer(() => stopAll)

      const get = (account: string, region: string): Effect.Effect<RegionApi | undefined, unknown> => {
        if (!options.regions.includes(region)) return Effect.succeed(undefined)
        const existing = open.get(`${account}/${region}`)
        if (existing !== undefined) return Effect.succeed(existing.api)
        return lock.withPermits(1)(
          Effect.suspend(() => {
            const raced = open.get(`${account}/${region}`)
            return raced !== undefined ? Effect.succeed(raced.api) : startOne(account, region)
          })
        )
      }

      const reset = lock.withPermits(1)(Effect.gen(function*() {
        yield* stopAll
        for (const region of options.regions) rmSync(join(options.dataDir, region), { recursive: true, force: true })
        rmSync(join(options.dataDir, "accounts"), { recursive: true, force: true })
        yield* startDefault
        if (options.afterReset !== undefined) yield* options.afterReset(self)
        yield* Effect.logWarning(`dev reset: every Region's state was wiped${options.afterReset === undefined ? "" : ", and the seed applied again"}`)
      }))

      const freshness = Effect.suspend(() =>
        Effect.forEach([...open.entries()], ([name, { api }]) => {
          const [account, region] = name.split("/") as [string, string]
          return Effect.map(api.freshness, (report) => ({ account, region, report }))
        }))

      const opened = (account: string, region: string) => open.get(`${account}/${region}`)?.api

      const running = Effect.sync(() =>
        [...open.entries()].map(([name, { api }]) => {
          const [account, region] = name.split("/") as [string, string]
          return { account, region, api }
        }))

      const self: Regions["Service"] = Regions.of({ names: options.regions, get, opened, reset, freshness, running })
      return self
    }))
  }
}
