import { DatabaseSync } from "node:sqlite"
import { parentPort, workerData } from "node:worker_threads"
import { type AuditRow, unframeRows } from "./auditRowFrames.ts"

/**
 * The audit file's writer thread. Committing with synchronous=FULL waits for
 * an fsync of the WAL; node:sqlite waits synchronously, so on the server's
 * thread every commit would stall every request. Here it stalls only this
 * thread, while the server goes on serving and the next batch gathers.
 *
 * Plain Node (no Effect): it receives rows the main thread already sealed
 * (numbered, chained, signed) and stores them in one transaction per batch.
 */
/** `rows`: a batch framed by `frameRows`. */
export type WriterRequest = { readonly id: number; readonly rows: string } | { readonly id: number; readonly close: true }
export type WriterReply = { readonly id: number; readonly ok: true } | { readonly id: number; readonly ok: false; readonly error: string }

const { file } = workerData as { readonly file: string }
const db = new DatabaseSync(file, { timeout: 5_000 })
db.exec("PRAGMA synchronous = FULL")
const insertEntry = db.prepare(
  `INSERT INTO audit_entries (seq, kind, prev_hash, hash, body, event_time, event_name, principal_arn, error_code)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
)
// ReEncrypt may name one key twice.
const insertResource = db.prepare("INSERT OR IGNORE INTO audit_resources (key_arn, position) VALUES (?, ?)")

const commit = (rows: ReadonlyArray<AuditRow>): void => {
  db.exec("BEGIN IMMEDIATE")
  try {
    for (const row of rows) {
      const { lastInsertRowid } = insertEntry.run(
        row.seq, row.kind, row.prevHash, row.hash, row.body, row.eventTime, row.eventName, row.principalArn, row.errorCode
      )
      for (const arn of row.resources) insertResource.run(arn, lastInsertRowid)
    }
    db.exec("COMMIT")
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK")
    throw error
  }
}

parentPort!.on("message", (request: WriterRequest) => {
  if ("close" in request) {
    db.close()
    parentPort!.postMessage({ id: request.id, ok: true } satisfies WriterReply)
    return
  }
  try {
    commit(unframeRows(request.rows))
    parentPort!.postMessage({ id: request.id, ok: true } satisfies WriterReply)
  } catch (error) {
    parentPort!.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies WriterReply)
  }
})
