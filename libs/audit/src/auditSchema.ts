import type { DatabaseSync } from "node:sqlite"

/**
 * The audit file's SQLite schema, as migrations: entry i takes the file from
 * `PRAGMA user_version` i to i + 1. Released entries are never edited.
 *
 * `audit_entries` holds the chain in storage order (`position`); `seq`,
 * `prev_hash`, `hash` and the canonical `body` are what verification reads.
 * The other columns, and `audit_resources`, are query indexes derived from
 * the record: verification ignores them, so editing them hides nothing.
 * `seq` is deliberately not UNIQUE: the order and uniqueness of seqs are what
 * verify checks, whatever constraints an attacker could drop.
 */
const migrations: ReadonlyArray<string> = [
  `CREATE TABLE audit_entries (
     position      INTEGER PRIMARY KEY,
     seq           INTEGER NOT NULL,
     kind          TEXT    NOT NULL,
     prev_hash     TEXT    NOT NULL,
     hash          TEXT    NOT NULL,
     body          TEXT    NOT NULL,
     event_time    INTEGER,
     event_name    TEXT,
     principal_arn TEXT,
     error_code    TEXT
   ) STRICT;
   CREATE INDEX audit_entries_seq ON audit_entries (seq);
   CREATE TABLE audit_resources (
     key_arn  TEXT    NOT NULL,
     position INTEGER NOT NULL,
     PRIMARY KEY (key_arn, position)
   ) STRICT, WITHOUT ROWID;
   CREATE TABLE audit_meta (
     name  TEXT PRIMARY KEY,
     value TEXT NOT NULL
   ) STRICT;`
]

export const auditSchemaVersion = migrations.length

export const schemaVersionOf = (db: DatabaseSync): number => Number(db.prepare("PRAGMA user_version").get()?.["user_version"] ?? 0)

export const storedRegionOf = (db: DatabaseSync): unknown =>
  db.prepare("SELECT value FROM audit_meta WHERE name = 'region'").get()?.["value"]

/**
 * Brings the file to the current schema and checks that it is `region`'s
 * audit log (opening it as another Region's would mix two trails). Runs in
 * one IMMEDIATE transaction, so two processes opening a new file cannot both
 * migrate it.
 */
export const migrateAuditFile = (db: DatabaseSync, region: string): void => {
  db.exec("BEGIN IMMEDIATE")
  try {
    const version = schemaVersionOf(db)
    if (version > migrations.length) {
      throw new Error(`schema version ${version} is newer than this build supports (${migrations.length})`)
    }
    for (const migration of migrations.slice(version)) db.exec(migration)
    db.exec(`PRAGMA user_version = ${migrations.length}`)
    db.prepare("INSERT OR IGNORE INTO audit_meta (name, value) VALUES ('region', ?)").run(region)
    const stored = storedRegionOf(db)
    if (stored !== region) throw new Error(`the file holds the audit log of Region ${String(stored)}, not ${region}`)
    db.exec("COMMIT")
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK")
    throw error
  }
}
