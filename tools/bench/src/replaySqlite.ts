import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { decodeKeyEvent, evolveKey, initialKey, type Key } from "@trent/domain"
import { EventLog } from "@trent/event-log"
import { Region, RequestContext, systemRequest } from "@trent/runtime"
import { Effect, Layer, Logger } from "effect"
import { corpusAppend, keyIdOf } from "./replayCorpus.ts"

const PAGE = 10_000

/** Folds every event of the log into per-key states, as a rebuild from scratch would: events/s. */
export const foldAll = (log: EventLog["Service"]) =>
  Effect.gen(function*() {
    const states = new Map<string, Key>()
    let position = 0
    let events = 0
    for (;;) {
      const page = yield* log.readReplay(position, PAGE)
      for (const stored of page) {
        states.set(stored.streamId, evolveKey(states.get(stored.streamId) ?? initialKey, decodeKeyEvent(stored)))
      }
      events += page.length
      if (page.length < PAGE) break
      position = page[page.length - 1]!.position
    }
    return { events, keys: states.size }
  })

export interface ReplayResult {
  readonly store: string
  readonly events: number
  readonly keys: number
  readonly replayEventsPerSecond: number
  readonly coldStartMs: number
  readonly warmStartMs: number
  readonly generateSeconds: number
}

/** Writes the corpus into a Region's SQLite log, then times a full replay and a Region start on it. */
export const replaySqlite = (dir: string, keys: number, eventsPerKey: number): Promise<ReplayResult> =>
  Effect.runPromise(Effect.gen(function*() {
    const region = "us-east-1"
    const regionDir = join(dir, region)
    mkdirSync(regionDir, { recursive: true })
    const file = join(regionDir, "events.db")
    // A started Region first (its keyvault's root-key check and audit signing key): a log that holds keys
    // beside no keyvault is a lost keyvault, and a Region refuses to start on it.
    const regionLayer = Region.layerEmbedded({ region, account: "111122223333", dataDir: dir, env: { TRENT_ROOT_KEY: Buffer.alloc(32, 1).toString("base64") } })
      .pipe(Layer.provide(Logger.layer([])))
    yield* Effect.scoped(Effect.provide(Effect.void, regionLayer))
    const generateStarted = performance.now()
    yield* Effect.scoped(Effect.gen(function*() {
      const log = yield* EventLog
      for (let i = 0; i < keys; i++) yield* log.append(corpusAppend(i, eventsPerKey, 1_700_000_000_000))
    }).pipe(Effect.provide(EventLog.layerSqlite({ file, region }))))
    const generateSeconds = (performance.now() - generateStarted) / 1000

    const replayStarted = performance.now()
    const folded = yield* Effect.scoped(Effect.flatMap(EventLog, foldAll).pipe(Effect.provide(EventLog.layerSqlite({ file, region }))))
    const replaySeconds = (performance.now() - replayStarted) / 1000

    // A Region starts from its key_state rows and loads actors lazily: "ready" is the first answered DescribeKey.
    const start = () =>
      Effect.gen(function*() {
        const started = performance.now()
        yield* Effect.scoped(Effect.gen(function*() {
          const api = yield* Region
          yield* api.describeKey({ keyId: keyIdOf(keys - 1) }).pipe(Effect.provideService(RequestContext, systemRequest("bench")))
        }).pipe(Effect.provide(regionLayer)))
        return performance.now() - started
      })
    const coldStartMs = yield* start()
    const warmStartMs = yield* start()
    return {
      store: "SQLite",
      events: folded.events,
      keys: folded.keys,
      replayEventsPerSecond: Math.round(folded.events / replaySeconds),
      coldStartMs: Math.round(coldStartMs),
      warmStartMs: Math.round(warmStartMs),
      generateSeconds: Math.round(generateSeconds)
    }
  }) as Effect.Effect<ReplayResult>)
