import type { DatabaseSync } from "node:sqlite"
import { inImmediateTransaction } from "./SqliteDatabase.ts"

/**
 * The event log's SQLite schema, as migrations: entry i takes the file from
 * `PRAGMA user_version` i to i + 1. Released entries are never edited; a change
 * is a new entry.
 */
const migrations: ReadonlyArray<string> = [
  `CREATE TABLE events (
     position       INTEGER PRIMARY KEY AUTOINCREMENT,
     region         TEXT    NOT NULL,
     stream_id      TEXT    NOT NULL,
     seq            INTEGER NOT NULL CHECK (seq >= 1),
     term           INTEGER NOT NULL,
     event_id       TEXT    NOT NULL UNIQUE,
     type           TEXT    NOT NULL,
     schema_version INTEGER NOT NULL,
     at             INTEGER NOT NULL,
     principal      TEXT    NOT NULL,
     request_id     TEXT    NOT NULL,
     command_id     TEXT    NOT NULL,
     payload        TEXT    NOT NULL,
     prev_hash      TEXT    NOT NULL,
     hash           TEXT    NOT NULL,
     UNIQUE (stream_id, seq)
   ) STRICT;
   CREATE TABLE key_state (
     stream_id   TEXT    PRIMARY KEY,
     stream_type TEXT    NOT NULL CHECK (stream_type IN ('key', 'alias')),
     seq         INTEGER NOT NULL,
     state       TEXT    NOT NULL,
     due_at      INTEGER
   ) STRICT;
   CREATE INDEX key_state_due ON key_state (stream_type, due_at, stream_id);
   CREATE INDEX key_state_list ON key_state (stream_type, stream_id);
   CREATE TABLE log_meta (
     name  TEXT PRIMARY KEY,
     value TEXT NOT NULL
   ) STRICT;`,
  // Custom key stores are streams of their own (`cks-…`). SQLite cannot change a CHECK in place: the table is rebuilt.
  `CREATE TABLE key_state_v2 (
     stream_id   TEXT    PRIMARY KEY,
     stream_type TEXT    NOT NULL CHECK (stream_type IN ('key', 'alias', 'customKeyStore')),
     seq         INTEGER NOT NULL,
     state       TEXT    NOT NULL,
     due_at      INTEGER
   ) STRICT;
   INSERT INTO key_state_v2 (stream_id, stream_type, seq, state, due_at)
     SELECT stream_id, stream_type, seq, state, due_at FROM key_state;
   DROP TABLE key_state;
   ALTER TABLE key_state_v2 RENAME TO key_state;
   CREATE INDEX key_state_due ON key_state (stream_type, due_at, stream_id);
   CREATE INDEX key_state_list ON key_state (stream_type, stream_id);`
]

export const eventLogSchemaVersion = migrations.length

/**
 * Brings the file to the current schema and checks that it belongs to
 * `region` (a file holds one Region's log; opening it as another Region's is
 * a configuration error that would mix their histories). One IMMEDIATE
 * transaction, so two processes opening a new file at once cannot both migrate.
 */
export const migrateEventLog = (db: DatabaseSync, region: string): void =>
  inImmediateTransaction(db, () => {
    const version = Number(db.prepare("PRAGMA user_version").get()?.["user_version"] ?? 0)
    if (version > migrations.length) {
      throw new Error(`schema version ${version} is newer than this build supports (${migrations.length})`)
    }
    for (const migration of migrations.slice(version)) db.exec(migration)
    db.exec(`PRAGMA user_version = ${migrations.length}`)
    db.prepare("INSERT OR IGNORE INTO log_meta (name, value) VALUES ('region', ?)").run(region)
    const stored = db.prepare("SELECT value FROM log_meta WHERE name = 'region'").get()?.["value"]
    if (stored !== region) throw new Error(`the file holds the log of Region ${String(stored)}, not ${region}`)
  })

/**
 * The read-only counterpart of `migrateEventLog`: checks, without writing,
 * that the file is an event log at this build's schema and holds `region`.
 * A reader cannot migrate, so an older file is refused until a server has
 * opened it once.
 */
export const checkEventLogSchema = (db: DatabaseSync, region: string): void => {
  const version = Number(db.prepare("PRAGMA user_version").get()?.["user_version"] ?? 0)
  if (version === 0) throw new Error("the file is not a Trent event log")
  if (version > migrations.length) {
    throw new Error(`schema version ${version} is newer than this build supports (${migrations.length})`)
  }
  if (version < migrations.length) {
    throw new Error(`schema version ${version} is older than this build's (${migrations.length}): start the server once to migrate it`)
  }
  const stored = db.prepare("SELECT value FROM log_meta WHERE name = 'region'").get()?.["value"]
  if (stored !== region) throw new Error(`the file holds the log of Region ${String(stored)}, not ${region}`)
}
