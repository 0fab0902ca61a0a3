import type { DatabaseSync } from "node:sqlite"
import { inImmediateTransaction } from "./SqliteDatabase.ts"
import type { StreamTip } from "./sealEvents.ts"

/** Enough for every stream of a large Region; past it the cache starts over rather than grow. */
const maxStreams = 250_000

/**
 * The last seq and hash of streams, as one writing connection left them, so that a bulk writer
 * (the replica applying a topic) reads no row per append. Only right while no other connection
 * writes the file: every transaction starts by reading `PRAGMA data_version`, which changes when
 * another connection commits (https://sqlite.org/pragma.html#pragma_data_version), and forgets
 * everything then; a transaction that fails forgets everything too, as its writes are undone.
 */
export interface TipCache {
  get(streamId: string): StreamTip | undefined
  /** After the connection wrote `tip` as the stream's last event, in the current transaction. */
  set(streamId: string, tip: StreamTip): void
  /** `body` in a BEGIN IMMEDIATE transaction, with the cache checked first and dropped on failure. */
  inTransaction<A>(body: () => A): A
}

export const makeTipCache = (db: DatabaseSync, read: (streamId: string) => StreamTip | undefined): TipCache => {
  const dataVersion = db.prepare("PRAGMA data_version")
  const tips = new Map<string, StreamTip | null>()
  let seenVersion: unknown = undefined
  return {
    get: (streamId) => {
      const cached = tips.get(streamId)
      if (cached !== undefined) return cached ?? undefined
      const tip = read(streamId)
      if (tips.size >= maxStreams) tips.clear()
      tips.set(streamId, tip ?? null)
      return tip
    },
    set: (streamId, tip) => {
      if (tips.size >= maxStreams) tips.clear()
      tips.set(streamId, tip)
    },
    inTransaction: (body) => {
      try {
        return inImmediateTransaction(db, () => {
          const version = dataVersion.get()?.["data_version"]
          if (version !== seenVersion) {
            tips.clear()
            seenVersion = version
          }
          return body()
        })
      } catch (error) {
        // Rolled back (or the commit failed): what this transaction cached was never stored.
        tips.clear()
        throw error
      }
    }
  }
}
