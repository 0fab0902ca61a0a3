import { existsSync, mkdirSync } from "node:fs"
import { dirname } from "node:path"
import { DatabaseSync } from "node:sqlite"
import { scratchDirectory } from "@trent/testing"
import { it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { afterAll, describe, expect, it as plainIt } from "vitest"
import { AuditLog } from "./AuditLog.ts"
import { AuditSigner } from "./AuditSigner.ts"
import { makeTestSigner, region, sampleInput } from "./auditFixtures.test-support.ts"
import { auditLogContract } from "./contract/auditLogContract.test-support.ts"
import { openAuditDatabase } from "./openAuditDatabase.ts"
import { openAuditFileReadOnly } from "./openAuditFileReadOnly.ts"

const scratch = scratchDirectory("sqlite-audit-log", afterAll)
const signer = makeTestSigner()
const signerLayer = Layer.succeed(AuditSigner, signer)
const sqliteLog = (file: string, regionName = region) =>
  AuditLog.layerSqlite({ file, region: regionName }).pipe(Layer.provide(signerLayer))

describe("AuditLog.layerSqlite", () => {
  auditLogContract(() => {
    const file = scratch.fresh("audit.db")
    const storageSigner = Layer.succeed(AuditSigner, makeTestSigner())
    return (options) => AuditLog.layerSqlite({ file, region, ...options }).pipe(Layer.provide(storageSigner))
  })
})

const pragma = (file: string, name: string): unknown => {
  const db = new DatabaseSync(file, { readOnly: true })
  try {
    return db.prepare(`PRAGMA ${name}`).get()?.[name]
  } finally {
    db.close()
  }
}

const appendSome = (count: number) =>
  Effect.gen(function*() {
    const log = yield* AuditLog
    yield* Effect.forEach(Array.from({ length: count }, (_, n) => sampleInput(n)), log.append, { discard: true })
  })

describe("AuditLog.layerSqlite on disk", () => {
  it.effect("keeps its own file in WAL mode with STRICT tables, and removes the WAL when it closes", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("audit.db")
      yield* appendSome(3).pipe(
        Effect.andThen(Effect.sync(() => expect(existsSync(`${file}-wal`)).toBe(true))),
        Effect.provide(sqliteLog(file))
      )
      expect(existsSync(`${file}-wal`)).toBe(false)
      expect(pragma(file, "journal_mode")).toBe("wal")
      expect(pragma(file, "user_version")).toBe(1)
      const db = new DatabaseSync(file, { readOnly: true })
      const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name LIKE 'audit_%' ORDER BY name").all()
      db.close()
      expect(tables).toEqual([
        { name: "audit_entries", strict: 1 },
        { name: "audit_meta", strict: 1 },
        { name: "audit_resources", strict: 1 }
      ])
    }))

  plainIt("opens the file with synchronous=FULL, so a commit survives power loss", () => {
    const db = openAuditDatabase({ file: scratch.fresh("audit.db"), region })
    try {
      expect(db.prepare("PRAGMA synchronous").get()?.["synchronous"]).toBe(2)
      expect(db.prepare("PRAGMA journal_mode").get()?.["journal_mode"]).toBe("wal")
    } finally {
      db.close()
    }
  })

  it.effect("refuses to open another Region's audit file", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("audit.db")
      yield* appendSome(1).pipe(Effect.provide(sqliteLog(file)))
      const failure = yield* Effect.flip(appendSome(1).pipe(Effect.provide(sqliteLog(file, "us-east-1"))))
      expect(failure.message).toMatch(/holds the audit log of Region eu-west-1, not us-east-1/)
    }))

  it.effect("refuses a file whose schema is newer than this build", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("audit.db")
      mkdirSync(dirname(file), { recursive: true })
      const db = new DatabaseSync(file)
      db.exec("PRAGMA user_version = 99")
      db.close()
      const failure = yield* Effect.flip(appendSome(1).pipe(Effect.provide(sqliteLog(file))))
      expect(failure.message).toMatch(/schema version 99 is newer than this build supports \(1\)/)
    }))

  it.effect("fails with AuditLogFailure, not a crash, when the file cannot be opened", () =>
    Effect.gen(function*() {
      const directory = scratch.fresh("a-directory")
      mkdirSync(directory, { recursive: true })
      const failure = yield* Effect.flip(appendSome(1).pipe(Effect.provide(sqliteLog(directory))))
      expect(failure).toMatchObject({ _tag: "AuditLogFailure", message: expect.stringContaining(`opening the audit log of Region ${region} at ${directory}`) })
    }))

  it.effect("can be read, queried and verified read-only while the server holds it open", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("audit.db")
      yield* Effect.gen(function*() {
        yield* appendSome(4)
        const offline = yield* Effect.scoped(Effect.gen(function*() {
          const audit = yield* openAuditFileReadOnly(file)
          return {
            region: audit.region,
            records: (yield* audit.read({ eventName: "Encrypt" })).length,
            report: yield* audit.verify(signer.publicKey),
            entries: (yield* audit.entries()).length
          }
        }))
        expect(offline).toMatchObject({ region, records: 4, entries: 5, report: { ok: true, records: 4, checkpoints: 1, genesis: true, unsignedTail: 4 } })
      }).pipe(Effect.provide(sqliteLog(file)))
      const closed = yield* Effect.scoped(Effect.flatMap(openAuditFileReadOnly(file), (audit) => audit.verify(signer.publicKey)))
      expect(closed).toMatchObject({ ok: true, records: 4, checkpoints: 2, unsignedTail: 0 })
    }))

  it.effect("verifies again, and goes on appending, after a verification that stopped early", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("audit.db")
      const reports = yield* Effect.gen(function*() {
        const log = yield* AuditLog
        yield* appendSome(4)
        return [yield* log.verify(log.publicKey, { maxUnsignedTail: 0 }), yield* log.verify(log.publicKey)]
      }).pipe(Effect.provide(sqliteLog(file)))
      expect(reports[0]).toMatchObject({ ok: false, problem: "unsigned-tail" })
      expect(reports[1]).toMatchObject({ ok: true, records: 4 })
      const again = yield* Effect.gen(function*() {
        const log = yield* AuditLog
        // The genesis (seq 1) fails under another key: the walk stops at the first entry.
        const stopped = yield* log.verify(makeTestSigner().publicKey)
        yield* log.append(sampleInput(4))
        return [stopped, yield* log.verify(log.publicKey)]
      }).pipe(Effect.provide(sqliteLog(file)))
      expect(again[0]).toMatchObject({ ok: false, firstBadSeq: 1, problem: "bad-signature" })
      expect(again[1]).toMatchObject({ ok: true, records: 5, checkpoints: 3, unsignedTail: 1 })
    }))

  it.effect("opens nothing read-only that is not an audit file", () =>
    Effect.gen(function*() {
      const missing = yield* Effect.flip(Effect.scoped(openAuditFileReadOnly(scratch.fresh("missing.db"))))
      expect(missing._tag).toBe("AuditLogFailure")
      const other = scratch.fresh("other.db")
      mkdirSync(dirname(other), { recursive: true })
      new DatabaseSync(other).close()
      const empty = yield* Effect.flip(Effect.scoped(openAuditFileReadOnly(other)))
      expect(empty.message).toMatch(/it is not an audit log/)
    }))
})
