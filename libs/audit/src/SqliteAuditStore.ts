import { Effect, type Scope } from "effect"
import type { StoredAuditEntry } from "./AuditEntry.ts"
import type { SealedAuditEntry } from "./auditChain.ts"
import { AuditLogFailure } from "./AuditLogFailure.ts"
import type { AuditStore } from "./AuditStore.ts"
import { openAuditDatabase } from "./openAuditDatabase.ts"
import { makeSqliteAuditReads, sqliteAttempt, storedChainEnd } from "./sqliteAuditReads.ts"
import { startSqliteAuditWriter } from "./SqliteAuditWriter.ts"

export interface SqliteAuditStoreOptions {
  readonly file: string
  readonly region: string
}

const describe = (entries: ReadonlyArray<SealedAuditEntry>): string => {
  const seqs = (entry: StoredAuditEntry | undefined) => entry?.seq ?? "?"
  return `audit entries ${seqs(entries[0]?.entry)}..${seqs(entries.at(-1)?.entry)}`
}

/**
 * The embedded audit store: the Region's own SQLite file, one STRICT table of
 * entries in storage order plus a key index. Each commit is one BEGIN IMMEDIATE
 * transaction: with synchronous=FULL, one fsync of the WAL per batch, made on
 * the writer thread (SqliteAuditWriter) while this connection only reads.
 */
export const makeSqliteAuditStore = (
  options: SqliteAuditStoreOptions
): Effect.Effect<AuditStore, AuditLogFailure, Scope.Scope> =>
  Effect.gen(function*() {
    const { file, region } = options
    const db = yield* Effect.acquireRelease(
      Effect.try({
        try: () => openAuditDatabase(options),
        catch: (cause) => AuditLogFailure.during(`opening the audit log of Region ${region} at ${file}`, cause)
      }),
      (db) => Effect.sync(() => db.isOpen && db.close())
    )
    const attempt = sqliteAttempt(file)
    const opened = yield* attempt("reading the end of the audit chain", () => storedChainEnd(db))
    const writer = yield* startSqliteAuditWriter(file, region)
    const reads = yield* attempt("preparing audit queries", () => makeSqliteAuditReads(db, file))
    let transactions = 0
    const commit: AuditStore["commit"] = (entries) =>
      writer.commit(entries).pipe(
        Effect.tap(() => Effect.sync(() => void (transactions += 1))),
        Effect.mapError((failure) => AuditLogFailure.during(`appending ${describe(entries)}`, failure))
      )
    return { region, opened, commit, ...reads, transactions: () => transactions }
  })
