import { chmodSync, closeSync, mkdirSync, openSync } from "node:fs"
import { dirname } from "node:path"
import { DatabaseSync } from "node:sqlite"
import { migrateAuditFile } from "./auditSchema.ts"

// node:sqlite blocks the thread while it waits for another connection's write lock; appends hold it briefly.
const busyTimeoutMillis = 5_000

/**
 * Opens the Region's audit file as every Trent store is opened: parent
 * directories owner-only, WAL journal (readers never block the writer),
 * synchronous=FULL (a commit survives power loss: the record of a sent
 * response is never lost). The file is its owner's alone (0600) before
 * SQLite opens it; SQLite gives the -wal and -shm files the same mode.
 */
export const openAuditDatabase = (options: { readonly file: string; readonly region: string }): DatabaseSync => {
  mkdirSync(dirname(options.file), { recursive: true, mode: 0o700 })
  closeSync(openSync(options.file, "a", 0o600))
  if (process.platform !== "win32") chmodSync(options.file, 0o600)
  const db = new DatabaseSync(options.file, { timeout: busyTimeoutMillis })
  try {
    const mode = db.prepare("PRAGMA journal_mode = WAL").get()?.["journal_mode"]
    if (mode !== "wal") throw new Error(`journal_mode is ${String(mode)}, WAL is required`)
    db.exec("PRAGMA synchronous = FULL")
    migrateAuditFile(db, options.region)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

