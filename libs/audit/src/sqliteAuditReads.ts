import type { DatabaseSync, SQLInputValue } from "node:sqlite"
import { Effect, Schema } from "effect"
import { StoredAuditRecord } from "./AuditEntry.ts"
import { type AuditFilter, matchesFilter } from "./AuditFilter.ts"
import { emptyChain } from "./auditChain.ts"
import { AuditLogFailure } from "./AuditLogFailure.ts"
import type { AuditStore, StoredChainEnd } from "./AuditStore.ts"
import { keyLastUsageOf, keyUsageOperations } from "./KeyLastUsage.ts"

const entryColumns = "seq, kind, prev_hash AS prevHash, hash, body"

// The query-index columns and key rows of each entry, for verify to check against its record (auditIndex).
const indexColumns = `event_time AS eventTime, event_name AS eventName, principal_arn AS principalArn, error_code AS errorCode,
  (SELECT json_group_array(key_arn) FROM audit_resources r WHERE r.position = e.position) AS resources`

/**
 * A row as an untrusted entry: the body parsed under the name its kind gives
 * it. A body that no longer parses stays a string, which fails decoding and
 * hashing downstream instead of failing the read. A row read with its index
 * columns carries them as `index`.
 */
export const rawEntryOf = (row: Record<string, unknown>): unknown => {
  const { seq, kind, prevHash, hash, body } = row
  let parsed: unknown = body
  try {
    parsed = JSON.parse(String(body))
  } catch {
    // left as text: verify reports the entry as edited
  }
  const entry = kind === "checkpoint" ? { kind, seq, prevHash, hash, checkpoint: parsed } : { kind, seq, prevHash, hash, record: parsed }
  if (!("resources" in row)) return entry
  const { eventTime, eventName, principalArn, errorCode, resources } = row
  let keys: unknown = resources
  try {
    keys = JSON.parse(String(resources))
  } catch {
    // left as text: verify reports the index as edited
  }
  return { ...entry, index: { eventTime, eventName, principalArn, errorCode, resources: keys } }
}

const decodeRecord = Schema.decodeUnknownSync(StoredAuditRecord)

/** Runs a synchronous SQLite call, turning a throw into AuditLogFailure naming the action and the file. */
export type SqliteAttempt = <A>(action: string, run: () => A) => Effect.Effect<A, AuditLogFailure>

export const sqliteAttempt = (file: string): SqliteAttempt => (action, run) =>
  Effect.try({ try: run, catch: (cause) => AuditLogFailure.during(`${action} in ${file}`, cause) })

const filterClause = (filter: AuditFilter): { readonly where: string; readonly params: Array<SQLInputValue> } => {
  const conditions = ["kind = 'record'"]
  const params: Array<SQLInputValue> = []
  const when = (condition: string, value: SQLInputValue | undefined): void => {
    if (value === undefined) return
    conditions.push(condition)
    params.push(value)
  }
  when("seq > ?", filter.sinceSeq)
  when("position IN (SELECT position FROM audit_resources WHERE key_arn = ?)", filter.keyArn)
  when("principal_arn = ?", filter.principalArn)
  when("event_name = ?", filter.eventName)
  when("event_time >= ?", filter.since)
  when("event_time < ?", filter.until)
  if (filter.errorsOnly === true) conditions.push("error_code IS NOT NULL")
  return { where: conditions.join(" AND "), params }
}

/** Reading an audit file: shared by the live store and openAuditFileReadOnly. */
export const makeSqliteAuditReads = (db: DatabaseSync, file: string) => {
  const attempt = sqliteAttempt(file)
  const usageNames = [...keyUsageOperations]
  const lastUsageStatement = db.prepare(
    `SELECT e.seq, e.kind, e.prev_hash AS prevHash, e.hash, e.body
       FROM audit_resources r JOIN audit_entries e ON e.position = r.position
      WHERE r.key_arn = ? AND e.kind = 'record' AND e.error_code IS NULL
        AND e.event_name IN (${usageNames.map(() => "?").join(", ")})
      ORDER BY r.position DESC LIMIT 1`
  )
  const scanStatement = db.prepare(`SELECT ${entryColumns}, ${indexColumns} FROM audit_entries e ORDER BY position`)

  const read: AuditStore["read"] = (filter) =>
    attempt("reading audit records", () => {
      const { where, params } = filterClause(filter)
      const rows = db.prepare(`SELECT ${entryColumns} FROM audit_entries WHERE ${where} ORDER BY position LIMIT ?`)
        .all(...params, filter.limit ?? -1)
      // The index columns only find candidates: each is held to the filter again on its own record, so an
      // edited index never makes a query answer a record that does not match (verify names the edit).
      return rows.map((row) => decodeRecord(rawEntryOf(row))).filter(matchesFilter(filter))
    })

  const lastUsage: AuditStore["lastUsage"] = (keyArn) =>
    attempt(`reading the last use of ${keyArn}`, () => {
      const row = lastUsageStatement.get(keyArn, ...usageNames)
      return row === undefined ? undefined : keyLastUsageOf(decodeRecord(rawEntryOf(row)))
    })

  // One read transaction around both passes of a verifier: a consistent snapshot even while another process writes.
  const scan: AuditStore["scan"] = (use) =>
    attempt("scanning the audit log", () => {
      const entries: Iterable<unknown> = {
        *[Symbol.iterator]() {
          for (const row of scanStatement.iterate()) yield rawEntryOf(row)
        }
      }
      db.exec("BEGIN")
      try {
        return use(entries)
      } finally {
        db.exec("COMMIT")
      }
    })

  return { read, lastUsage, scan }
}

const Hex64 = /^[0-9a-f]{64}$/

/** Where the stored chain ends and how many entries follow its last checkpoint. */
export const storedChainEnd = (db: DatabaseSync): StoredChainEnd => {
  const last = db.prepare("SELECT seq, hash FROM audit_entries ORDER BY position DESC LIMIT 1").get()
  if (last === undefined) return { tip: emptyChain, unsigned: 0 }
  const { seq, hash } = last
  if (typeof seq !== "number" || !Number.isSafeInteger(seq) || typeof hash !== "string" || !Hex64.test(hash)) {
    throw new Error("the last audit entry does not decode; run `trent audit verify`")
  }
  const checkpoint = db.prepare("SELECT seq FROM audit_entries WHERE kind = 'checkpoint' ORDER BY position DESC LIMIT 1").get()
  const signedUpTo = typeof checkpoint?.["seq"] === "number" ? checkpoint["seq"] : 0
  return { tip: { seq, hash }, unsigned: Math.max(0, seq - signedUpTo) }
}
