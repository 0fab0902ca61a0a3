import { DatabaseSync } from "node:sqlite"
import { scratchDirectory } from "@trent/testing"
import { it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { afterAll, describe, expect } from "vitest"
import { AuditLog } from "./AuditLog.ts"
import { AuditSigner } from "./AuditSigner.ts"
import { makeTestSigner, region, sampleInput } from "./auditFixtures.test-support.ts"
import { openAuditFileReadOnly } from "./openAuditFileReadOnly.ts"
import type { VerifyOptions } from "./VerifyReport.ts"

const scratch = scratchDirectory("sqlite-audit-tampering", afterAll)
const signer = makeTestSigner()

/** A closed audit file: its signed genesis (seq 1), 12 records, a checkpoint after every 4 (seqs 6, 11, 16). */
const writeLog = Effect.gen(function*() {
  const file = scratch.fresh("audit.db")
  yield* Effect.gen(function*() {
    const log = yield* AuditLog
    for (let n = 0; n < 12; n++) yield* log.append(sampleInput(n))
  }).pipe(Effect.provide(AuditLog.layerSqlite({ file, region, checkpointEvery: 4 }).pipe(Layer.provide(Layer.succeed(AuditSigner, signer)))))
  return file
})

/** Edits the file behind the log's back, as someone with write access to it would. */
const tamper = (file: string, ...statements: ReadonlyArray<string>): void => {
  const db = new DatabaseSync(file)
  try {
    for (const statement of statements) db.exec(statement)
  } finally {
    db.close()
  }
}

const verify = (file: string, options?: VerifyOptions) =>
  Effect.scoped(Effect.flatMap(openAuditFileReadOnly(file), (audit) => audit.verify(signer.publicKey, options)))

describe("verify over an audit file edited directly", () => {
  it.effect("accepts the file as the log wrote it", () =>
    Effect.gen(function*() {
      expect(yield* verify(yield* writeLog)).toMatchObject({ ok: true, records: 12, checkpoints: 4, lastSeq: 16, unsignedTail: 0, genesis: true })
    }))

  it.effect("finds an edited record body at its seq", () =>
    Effect.gen(function*() {
      const file = yield* writeLog
      tamper(file, `UPDATE audit_entries SET body = replace(body, '"Encrypt"', '"Decrypt"') WHERE seq = 7`)
      expect(yield* verify(file)).toMatchObject({ ok: false, firstBadSeq: 7, problem: "edited" })
    }))

  it.effect("finds a body that no longer parses at its seq", () =>
    Effect.gen(function*() {
      const file = yield* writeLog
      tamper(file, `UPDATE audit_entries SET body = '{"eventName":' WHERE seq = 2`)
      expect(yield* verify(file)).toMatchObject({ ok: false, firstBadSeq: 2, problem: "edited" })
    }))

  it.effect("finds a deleted row at the missing seq", () =>
    Effect.gen(function*() {
      const file = yield* writeLog
      tamper(file, "DELETE FROM audit_entries WHERE seq = 3")
      expect(yield* verify(file)).toMatchObject({ ok: false, firstBadSeq: 3, problem: "deleted" })
    }))

  it.effect("finds two rows swapped in storage order", () =>
    Effect.gen(function*() {
      const file = yield* writeLog
      tamper(
        file,
        "UPDATE audit_entries SET position = 1000 WHERE position = 2",
        "UPDATE audit_entries SET position = 2 WHERE position = 8",
        "UPDATE audit_entries SET position = 8 WHERE position = 1000"
      )
      expect(yield* verify(file)).toMatchObject({ ok: false, firstBadSeq: 2, problem: "reordered" })
    }))

  it.effect("finds a forged row, numbered and hashed like a real one, as inserted", () =>
    Effect.gen(function*() {
      const file = yield* writeLog
      tamper(
        file,
        `INSERT INTO audit_entries (seq, kind, prev_hash, hash, body)
           SELECT seq, kind, prev_hash, hash, body FROM audit_entries WHERE seq = 9`
      )
      expect(yield* verify(file)).toMatchObject({ ok: false, firstBadSeq: 9, problem: "inserted" })
    }))

  it.effect("finds rows cut off the end only against the checkpoint seen before", () =>
    Effect.gen(function*() {
      const file = yield* writeLog
      const before = yield* verify(file)
      const anchor = before.ok && before.lastCheckpoint !== undefined ? before.lastCheckpoint : undefined
      tamper(file, "DELETE FROM audit_entries WHERE seq > 12")
      expect(yield* verify(file)).toMatchObject({ ok: true, lastSeq: 12, unsignedTail: 1 })
      expect(yield* verify(file, { anchor })).toMatchObject({ ok: false, firstBadSeq: 13, problem: "truncated-checkpoint" })
    }))

  it.effect("finds a query column edited behind the record it indexes", () =>
    Effect.gen(function*() {
      const file = yield* writeLog
      tamper(file, "UPDATE audit_entries SET event_name = 'Forged', principal_arn = 'x' WHERE seq = 2")
      expect(yield* verify(file)).toMatchObject({ ok: false, firstBadSeq: 2, problem: "index-edited" })
    }))

  it.effect("refuses a valid empty audit file put in the trail's place", () =>
    Effect.gen(function*() {
      const file = yield* writeLog
      tamper(file, "DELETE FROM audit_entries", "DELETE FROM audit_resources")
      expect(yield* verify(file)).toMatchObject({ ok: false, firstBadSeq: 1, problem: "no-genesis" })
    }))
})
