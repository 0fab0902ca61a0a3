import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { DatabaseSync } from "node:sqlite"
import { Effect, type Scope } from "effect"
import { EventLogFailure } from "./EventLogFailure.ts"
import { createOwnerOnly } from "./ownerOnlyFile.ts"

/**
 * A numbered slot among the processes that write one Region directory (the
 * workers of a server, servers sharing a data directory): slot n owns the
 * files only one writer may append to, such as its own audit hash chain and
 * its own Kafka replica. Slot 0 keeps the historical file names.
 */
export interface WriterSlot {
  readonly index: number
  /** `audit.db` for slot 0, `audit-3.db` for slot 3. */
  readonly fileName: (name: string) => string
}

/** Beyond this many simultaneous writers of one directory, something is wrong (a leak, a loop): refuse. */
const MAX_SLOTS = 256

export const slotFileName = (index: number, name: string): string => {
  if (index === 0) return name
  const dot = name.lastIndexOf(".")
  return dot <= 0 ? `${name}-${index}` : `${name.slice(0, dot)}-${index}${name.slice(dot)}`
}

/**
 * Claims the lowest free slot of `dir` for the scope's life. A slot is held
 * by an open write transaction on `writer-<n>.lock` (SQLite's POSIX lock), so
 * the operating system frees it when the process ends however it ends, kill -9
 * included: a restarted worker takes a slot again, and no two live writers
 * ever share one.
 */
export const claimWriterSlot = (dir: string): Effect.Effect<WriterSlot, EventLogFailure, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.try({
      try: () => {
        mkdirSync(dir, { recursive: true, mode: 0o700 })
        for (let index = 0; index < MAX_SLOTS; index++) {
          const lock = holdLock(join(dir, `writer-${index}.lock`))
          if (lock !== undefined) return { index, lock }
        }
        throw new Error(`all ${MAX_SLOTS} writer slots of ${dir} are held by running processes`)
      },
      catch: (cause) => EventLogFailure.during(`claiming a writer slot in ${dir}`, cause)
    }),
    ({ lock }) => Effect.sync(() => lock.close())
  ).pipe(Effect.map(({ index }) => ({ index, fileName: (name: string) => slotFileName(index, name) })))

/**
 * The lock of one named lease file, held for the scope's life, or undefined
 * when another process (or connection) holds it: the same mechanism as a
 * writer slot, for leases such as the Region's scheduler.
 */
export const holdLock = (file: string): DatabaseSync | undefined => {
  createOwnerOnly(file)
  const db = new DatabaseSync(file, { timeout: 0 })
  try {
    db.exec("BEGIN IMMEDIATE")
    return db
  } catch (error) {
    db.close()
    if (/locked|busy/i.test(String((error as Error).message))) return undefined
    throw error
  }
}
