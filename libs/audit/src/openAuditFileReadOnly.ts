import { basename } from "node:path"
import { DatabaseSync } from "node:sqlite"
import { Effect, type Scope } from "effect"
import type { StoredAuditRecord } from "./AuditEntry.ts"
import type { AuditFilter } from "./AuditFilter.ts"
import { AuditLogFailure } from "./AuditLogFailure.ts"
import { auditSchemaVersion, schemaVersionOf, storedRegionOf } from "./auditSchema.ts"
import type { KeyLastUsage } from "./KeyLastUsage.ts"
import { makeSqliteAuditReads, sqliteAttempt } from "./sqliteAuditReads.ts"
import { verifyEntries } from "./verifyEntries.ts"
import type { VerifyOptions, VerifyReport } from "./VerifyReport.ts"

/** An audit file opened for reading only: for `trent audit verify` and `trent audit query`, server running or not. */
export interface AuditFile {
  readonly region: string
  read(filter?: AuditFilter): Effect.Effect<ReadonlyArray<StoredAuditRecord>, AuditLogFailure>
  lastUsage(keyArn: string): Effect.Effect<KeyLastUsage | undefined, AuditLogFailure>
  verify(publicKey: Uint8Array, options?: VerifyOptions): Effect.Effect<VerifyReport, AuditLogFailure>
  /** Every entry in storage order, undecoded (for export, or a verifier of one's own). */
  entries(): Effect.Effect<ReadonlyArray<unknown>, AuditLogFailure>
}

const open = (file: string): { readonly db: DatabaseSync; readonly region: string } => {
  const db = new DatabaseSync(file, { readOnly: true })
  try {
    const version = schemaVersionOf(db)
    if (version !== auditSchemaVersion) {
      throw new Error(version === 0 ? "it is not an audit log" : `its schema version ${version} is not this build's (${auditSchemaVersion})`)
    }
    const region = storedRegionOf(db)
    if (typeof region !== "string") throw new Error("it names no Region")
    return { db, region }
  } catch (error) {
    db.close()
    throw error
  }
}

/**
 * Opens `file` read-only. The database is never written, not even migrated;
 * a file that SQLite cannot read (torn, truncated, not a database) fails
 * with AuditLogFailure, here or on the first read, never with a defect.
 * Closed with the scope.
 */
export const openAuditFileReadOnly = (file: string): Effect.Effect<AuditFile, AuditLogFailure, Scope.Scope> =>
  Effect.gen(function*() {
    const { db, region } = yield* Effect.acquireRelease(
      Effect.try({ try: () => open(file), catch: (cause) => AuditLogFailure.during(`opening the audit file ${file}`, cause) }),
      ({ db }) => Effect.sync(() => db.isOpen && db.close())
    )
    const { read, lastUsage, scan } = yield* sqliteAttempt(file)("preparing audit queries", () => makeSqliteAuditReads(db, file))
    return {
      region,
      read: (filter = {}) => read(filter),
      lastUsage,
      verify: (publicKey, options = {}) => scan((entries) => verifyEntries(entries, publicKey, { region, chain: basename(file), ...options })),
      entries: () => scan((entries) => [...entries])
    }
  })
