import { mkdirSync } from "node:fs"
import { dirname } from "node:path"
import { DatabaseSync } from "node:sqlite"
import { Effect, type Scope } from "effect"
import { createOwnerOnly } from "./ownerOnlyFile.ts"
import { EventLogFailure } from "./EventLogFailure.ts"

export interface SqliteOpenOptions {
  readonly file: string
  /** What the file is, for error messages: "event log", "keyvault". */
  readonly purpose: string
  /** Extra PRAGMA statements, e.g. "secure_delete = ON". */
  readonly pragmas?: ReadonlyArray<string>
  /** Runs once after opening, before the database is handed out (migrations). */
  readonly prepare?: (db: DatabaseSync) => void
  /**
   * Open an existing file without ever writing to it (offline readers beside a
   * running server): no directory is created and the journal mode is checked,
   * not set.
   */
  readonly readOnly?: boolean
}

/**
 * How long a writer waits for another connection's write lock before failing.
 * node:sqlite is synchronous, so the wait blocks this thread; appends hold the
 * lock for one short transaction, so the wait is short unless a peer is stuck.
 */
const busyTimeoutMillis = 5_000

/**
 * Opens a SQLite file the way every Trent store wants it: parent directories
 * created owner-only, WAL journal (readers never block the writer),
 * synchronous=FULL (a commit survives power loss), foreign keys enforced.
 * A read-only open (WAL readers see every committed write and never block
 * the writer) only checks that the file is in WAL mode. Scoped: the connection closes when the scope does.
 */
export const openSqlite = (options: SqliteOpenOptions): Effect.Effect<DatabaseSync, EventLogFailure, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.try({
      try: () => {
        if (options.readOnly !== true) {
          mkdirSync(dirname(options.file), { recursive: true, mode: 0o700 })
          createOwnerOnly(options.file)
        }
        const db = new DatabaseSync(options.file, { timeout: busyTimeoutMillis, readOnly: options.readOnly === true })
        try {
          configure(db, options)
          return db
        } catch (error) {
          db.close()
          throw error
        }
      },
      catch: (cause) => EventLogFailure.during(`opening the ${options.purpose} at ${options.file}`, cause)
    }),
    (db) => Effect.sync(() => db.isOpen && db.close())
  )

const configure = (db: DatabaseSync, options: SqliteOpenOptions): void => {
  const mode = db.prepare(options.readOnly === true ? "PRAGMA journal_mode" : "PRAGMA journal_mode = WAL").get()?.["journal_mode"]
  if (mode !== "wal") throw new Error(`journal_mode is ${String(mode)}, WAL is required`)
  db.exec("PRAGMA synchronous = FULL")
  db.exec("PRAGMA foreign_keys = ON")
  for (const pragma of options.pragmas ?? []) db.exec(`PRAGMA ${pragma}`)
  options.prepare?.(db)
}

/**
 * Runs `body` in a `BEGIN IMMEDIATE` transaction: the write lock is taken
 * first, so what `body` reads cannot change before it commits. Rolls back and
 * rethrows if `body` throws.
 */
export const inImmediateTransaction = <A>(db: DatabaseSync, body: () => A): A => {
  db.exec("BEGIN IMMEDIATE")
  try {
    const result = body()
    db.exec("COMMIT")
    return result
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK")
    throw error
  }
}

/** Runs a synchronous SQLite call, turning a throw into EventLogFailure naming the action and the file. */
export type SqliteAttempt = <A>(action: string, run: () => A) => Effect.Effect<A, EventLogFailure>

export const sqliteAttempt = (file: string): SqliteAttempt => (action, run) =>
  Effect.try({ try: run, catch: (cause) => EventLogFailure.during(`${action} in ${file}`, cause) })
