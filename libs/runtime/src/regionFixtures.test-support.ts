import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { SecretBytes, WebCrypto } from "@trent/crypto"
import { EventLog, Keyvault, RootKey } from "@trent/event-log"
import { Effect, Layer, Logger } from "effect"
import type { KeyActors } from "@trent/key-actors"
import type { KeyMaterials } from "@trent/key-actors"
import { Region, type RegionOptions } from "./Region.ts"
import { RequestContext, systemRequest } from "@trent/key-actors"

export const regionOptions: RegionOptions = { region: "eu-west-1", account: "111122223333", schedulerIntervalMs: 3_600_000 }

export const testRootKey = SecretBytes.copy(new Uint8Array(32).fill(7))

/** Silences the Region's own log lines (root key creation) in tests. */
export const quiet = Logger.layer([])

/** A Region on the embedded SQLite store in `dataDir`; the root key comes from the test env, like an operator's TRENT_ROOT_KEY. */
export const embeddedRegion = (dataDir: string, options: Partial<RegionOptions> = {}) =>
  Region.layerEmbedded({
    ...regionOptions,
    ...options,
    dataDir,
    env: { TRENT_ROOT_KEY: Buffer.from(testRootKey.unsafeBytes()).toString("base64") }
  })

/** Memory stores that outlive Region restarts: build once, then provide a fresh Region layer per "process". */
export const memoryStores = Layer.mergeAll(
  EventLog.layerMemory({ region: regionOptions.region }),
  Keyvault.layerMemory,
  RootKey.layerTest(testRootKey),
  WebCrypto.layer
)

export const memoryRegion = (options: Partial<RegionOptions> = {}) =>
  Region.layerWithoutStores.pipe(
    Layer.provideMerge(Region.memoryAudit(options.region ?? regionOptions.region)),
    Layer.provideMerge(Region.config({ ...regionOptions, ...options }))
  )

/** Runs `program` against a fresh Region "process" on `dataDir`; the Region closes (files released) when it ends. */
export const inEmbeddedRegion = <A, E>(
  dataDir: string,
  program: Effect.Effect<A, E, Region | KeyActors | KeyMaterials | EventLog>,
  options?: Partial<RegionOptions>
) =>
  Effect.scoped(Effect.provide(program, Layer.merge(embeddedRegion(dataDir, options), quiet))).pipe(asTest)

/** Tests drive Regions directly, as Trent itself: every operation needs a RequestContext (none is implied). */
export const asTest = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provideService(effect, RequestContext, systemRequest("test"))

export const withTempDir = async <A>(f: (dir: string) => Promise<A>): Promise<A> => {
  const dir = mkdtempSync(join(tmpdir(), "trent-region-"))
  try {
    return await f(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export const utf8 = (text: string) => new TextEncoder().encode(text)

/** A Region whose every operation runs as the test (asTest), for tests that call it outside a fixture's program. */
export const asTestRegion = <A extends object>(api: A): A =>
  new Proxy(api, {
    get: (target, property) => {
      const value: unknown = Reflect.get(target, property)
      if (Effect.isEffect(value)) return asTest(value)
      // Nested endpoints (replication) too; data (ids, keys) is returned as it is.
      if (typeof value === "object" && value !== null && !(value instanceof Uint8Array)) return asTestRegion(value)
      if (typeof value !== "function") return value
      return (...args: Array<unknown>) => {
        const result: unknown = (value as (...a: Array<unknown>) => unknown).apply(target, args)
        return Effect.isEffect(result) ? asTest(result) : result
      }
    }
  })
