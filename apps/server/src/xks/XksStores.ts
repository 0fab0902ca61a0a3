import { statSync } from "node:fs"
import { Context, Effect, Layer } from "effect"
import { readXksConfig, type XksConfig } from "./XksConfig.ts"

/** How often the file's modification time is looked at, at most. */
const RECHECK_MS = 1000

/**
 * The `--xks` key stores, re-read when their file changes: the operator adds
 * a credential, updates AWS KMS's custom key store to it, then removes the old
 * one, all without restarting ("SigV4 credentials rotation": changes "take
 * effect without disconnecting or shutting down the XKS proxy"). A file that
 * no longer reads leaves the last good configuration in force, and says so.
 * Every worker process reads the same file.
 */
export class XksStores extends Context.Service<XksStores, {
  readonly current: () => XksConfig
}>()("@trent/server/XksStores") {
  static readonly layer = (path: string, hostedRegions: ReadonlyArray<string>) =>
    Layer.effect(XksStores, Effect.gen(function*() {
      let config = yield* Effect.try({ try: () => readXksConfig(path, hostedRegions), catch: (error) => error as Error })
      const mtimeOf = () => {
        try {
          return statSync(path).mtimeMs
        } catch {
          return undefined
        }
      }
      let seen = mtimeOf()
      let checkedAt = Date.now()
      const current = () => {
        const now = Date.now()
        if (now - checkedAt < RECHECK_MS) return config
        checkedAt = now
        const mtime = mtimeOf()
        if (mtime === seen || mtime === undefined) return config
        seen = mtime
        try {
          config = readXksConfig(path, hostedRegions)
          Effect.runFork(Effect.logInfo("XKS configuration reloaded", { path }))
        } catch (error) {
          Effect.runFork(Effect.logError("XKS configuration not reloaded: the last good one stays in force", { error: (error as Error).message }))
        }
        return config
      }
      return XksStores.of({ current })
    }))

  /** A fixed configuration, for tests. */
  static readonly fixed = (config: XksConfig) => Layer.succeed(XksStores, XksStores.of({ current: () => config }))
}
