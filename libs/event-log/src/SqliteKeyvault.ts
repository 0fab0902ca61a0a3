import type { DatabaseSync } from "node:sqlite"
import { Effect, Option, type Scope } from "effect"
import { EventLogFailure } from "./EventLogFailure.ts"
import type { Keyvault } from "./Keyvault.ts"
import { needsKeyId, needsWrappedKek } from "./keyvaultPreconditions.ts"
import { inImmediateTransaction, openSqlite } from "./SqliteDatabase.ts"

const schemaVersion = 1

const migrate = (db: DatabaseSync): void =>
  inImmediateTransaction(db, () => {
    const version = Number(db.prepare("PRAGMA user_version").get()?.["user_version"] ?? 0)
    if (version > schemaVersion) {
      throw new Error(`schema version ${version} is newer than this build supports (${schemaVersion})`)
    }
    db.exec("CREATE TABLE IF NOT EXISTS keks (key_id TEXT PRIMARY KEY, wrapped_kek BLOB NOT NULL) STRICT")
    db.exec(`PRAGMA user_version = ${schemaVersion}`)
  })

/**
 * The Keyvault in its own SQLite file. `secure_delete` makes SQLite overwrite
 * deleted content with zeros instead of leaving it in free pages; the WAL
 * still holds the frames that carried the KEK until a checkpoint copies the
 * zeroed pages back and truncates it, so `remove` checkpoints (TRUNCATE) before
 * it returns. (Bytes the filesystem or an SSD keeps after truncation are out of
 * SQLite's reach; the KEK is wrapped under the root key for that reason.)
 */
export const makeSqliteKeyvault = (options: {
  readonly file: string
}): Effect.Effect<Keyvault["Service"], EventLogFailure, Scope.Scope> =>
  Effect.gen(function*() {
    const db = yield* openSqlite({
      file: options.file,
      purpose: "keyvault",
      pragmas: ["secure_delete = ON"],
      prepare: migrate
    })
    const put = db.prepare(
      "INSERT INTO keks (key_id, wrapped_kek) VALUES (?, ?) ON CONFLICT (key_id) DO UPDATE SET wrapped_kek = excluded.wrapped_kek"
    )
    const get = db.prepare("SELECT wrapped_kek AS wrappedKek FROM keks WHERE key_id = ?")
    const remove = db.prepare("DELETE FROM keks WHERE key_id = ?")
    const ids = db.prepare("SELECT key_id AS keyId FROM keks ORDER BY key_id")
    const checkpoint = db.prepare("PRAGMA wal_checkpoint(TRUNCATE)")

    const attempt = <A>(action: string, run: () => A): Effect.Effect<A, EventLogFailure> =>
      Effect.try({ try: run, catch: (cause) => EventLogFailure.during(`${action} in ${options.file}`, cause) })

    return {
      put: Effect.fn("Keyvault.put")(function*(keyId: string, wrappedKek: Uint8Array) {
        needsKeyId(keyId)
        needsWrappedKek(wrappedKek)
        yield* attempt(`storing the KEK of ${keyId}`, () => put.run(keyId, wrappedKek))
      }),
      get: Effect.fn("Keyvault.get")(function*(keyId: string) {
        needsKeyId(keyId)
        const row = yield* attempt(`reading the KEK of ${keyId}`, () => get.get(keyId))
        if (row === undefined) return Option.none<Uint8Array>()
        const kek = row["wrappedKek"]
        if (!(kek instanceof Uint8Array)) {
          return yield* new EventLogFailure({ message: `the KEK row of ${keyId} in ${options.file} is not a BLOB` })
        }
        return Option.some(kek)
      }),
      remove: Effect.fn("Keyvault.remove")(function*(keyId: string) {
        needsKeyId(keyId)
        const result = yield* attempt(`removing the KEK of ${keyId}`, () => {
          remove.run(keyId)
          return checkpoint.get()
        })
        // busy = 1: another connection's read kept the WAL alive; its frames go at the next checkpoint.
        if (result?.["busy"] !== 0) {
          yield* Effect.logWarning(`keyvault ${options.file}: WAL checkpoint after removing ${keyId} was incomplete`)
        }
      }),
      ids: Effect.fn("Keyvault.ids")(function*() {
        const rows = yield* attempt("listing the entries", () => ids.all())
        return rows.map((row) => String(row["keyId"]))
      })
    }
  })
