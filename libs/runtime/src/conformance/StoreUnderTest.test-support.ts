import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { SecretBytes, WebCrypto } from "@trent/crypto"
import { EventLog, Keyvault, RootKey } from "@trent/event-log"
import { Context, Effect, Exit, Layer, Scope } from "effect"

/** What a Region needs from a store. */
export type StoreServices = EventLog | Keyvault | RootKey | WebCrypto

/** Stores opened by one "process": close them to end it. */
export interface OpenedStores {
  readonly context: Context.Context<StoreServices>
  readonly close: () => Promise<void>
}

/** One Region's durable state: each `open` is a new process on the same state (a restart). */
export interface PreparedStore {
  readonly open: () => Promise<OpenedStores>
  readonly dispose: () => Promise<void>
}

/**
 * A store the Region conformance suites run against. Stores are opened with
 * the live clock and their own scope, so their background work (consumers,
 * polls, timeouts) never runs on a test's TestClock.
 */
export interface StoreUnderTest {
  readonly name: string
  readonly prepare: () => Promise<PreparedStore>
}

export const conformanceRootKey = SecretBytes.copy(new Uint8Array(32).fill(7))

/** Builds a layer in its own scope with the live runtime. */
export const openLayer = async (layer: Layer.Layer<StoreServices, unknown>): Promise<OpenedStores> => {
  const scope = Effect.runSync(Scope.make())
  const context = await Effect.runPromise(Layer.buildWithScope(layer, scope) as Effect.Effect<Context.Context<StoreServices>>)
  return { context, close: () => Effect.runPromise(Scope.close(scope, Exit.void)) }
}

export const memoryStore: StoreUnderTest = {
  name: "memory",
  prepare: async () => {
    const shared = await openLayer(
      Layer.mergeAll(EventLog.layerMemory({ region: "eu-west-1" }), Keyvault.layerMemory, RootKey.layerTest(conformanceRootKey), WebCrypto.layer)
    )
    // Memory stores outlive every "process" of the test: closing one leaves them to the next.
    const keepOpen = () => Promise.resolve()
    return { open: async () => ({ context: shared.context, close: keepOpen }), dispose: shared.close }
  }
}

export const sqliteStore: StoreUnderTest = {
  name: "SQLite",
  prepare: async () => {
    const dir = mkdtempSync(join(tmpdir(), "trent-conformance-"))
    return {
      open: () =>
        openLayer(Layer.mergeAll(
          EventLog.layerSqlite({ file: join(dir, "events.db"), region: "eu-west-1" }),
          Keyvault.layerSqlite({ file: join(dir, "keyvault.db") }),
          RootKey.layerTest(conformanceRootKey),
          WebCrypto.layer
        )),
      dispose: async () => rmSync(dir, { recursive: true, force: true })
    }
  }
}
