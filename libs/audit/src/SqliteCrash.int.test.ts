import { copyFileSync, mkdirSync, statSync, truncateSync } from "node:fs"
import { basename, dirname } from "node:path"
import { DatabaseSync } from "node:sqlite"
import { scratchDirectory } from "@trent/testing"
import { it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer } from "effect"
import { afterAll, describe, expect } from "vitest"
import { AuditLog } from "./AuditLog.ts"
import { AuditSigner } from "./AuditSigner.ts"
import { makeTestSigner, region, sampleInput } from "./auditFixtures.test-support.ts"
import { openAuditFileReadOnly } from "./openAuditFileReadOnly.ts"

const scratch = scratchDirectory("sqlite-audit-crash", afterAll)
const signer = makeTestSigner()
const open = (file: string, checkpointEvery?: number) =>
  AuditLog.layerSqlite({ file, region, checkpointEvery }).pipe(Layer.provide(Layer.succeed(AuditSigner, signer)))

/**
 * What a power cut leaves behind: the database file and its WAL as they are on
 * disk while the log is open (every resolved append is in them, fsynced), and
 * no close-time checkpoint. Copied while the writer is idle; the -shm index is
 * rebuilt from the WAL on open.
 */
const crashImage = (file: string): string => {
  // The same file name in another directory: a chain's checkpoints name its file.
  const image = scratch.fresh(basename(file))
  mkdirSync(dirname(image), { recursive: true })
  copyFileSync(file, image)
  copyFileSync(`${file}-wal`, `${image}-wal`)
  return image
}

const appendRange = (from: number, to: number) =>
  Effect.gen(function*() {
    const log = yield* AuditLog
    for (let n = from; n < to; n++) yield* log.append(sampleInput(n))
  })

const eventIds = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => sampleInput(from + i).eventId)

describe("a crash of the SQLite audit log", () => {
  it.effect("loses no record whose append resolved; reopening verifies and continues the chain", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("audit.db")
      const image = yield* appendRange(0, 25).pipe(Effect.andThen(Effect.sync(() => crashImage(file))), Effect.provide(open(file)))
      const crashed = yield* Effect.scoped(Effect.flatMap(openAuditFileReadOnly(image), (audit) => audit.verify(signer.publicKey)))
      expect(crashed).toMatchObject({ ok: true, records: 25, checkpoints: 1, genesis: true, unsignedTail: 25 })
      const reopened = yield* Effect.gen(function*() {
        const log = yield* AuditLog
        const before = yield* log.verify(signer.publicKey)
        yield* appendRange(25, 30)
        return { before, ids: (yield* log.read()).map((entry) => entry.record.eventID), seqs: (yield* log.read()).map((entry) => entry.seq) }
      }).pipe(Effect.provide(open(image)))
      // Reopening signs what the crash left unsigned (seq 27), then the chain goes on.
      expect(reopened.before).toMatchObject({ ok: true, records: 25, checkpoints: 2, lastSeq: 27, unsignedTail: 0 })
      expect(reopened.ids).toEqual(eventIds(0, 30))
      expect(reopened.seqs).toEqual([...Array.from({ length: 25 }, (_, i) => i + 2), ...Array.from({ length: 5 }, (_, i) => i + 28)])
      const after = yield* Effect.scoped(Effect.flatMap(openAuditFileReadOnly(image), (audit) => audit.verify(signer.publicKey)))
      expect(after).toMatchObject({ ok: true, records: 30, checkpoints: 3, lastSeq: 33, unsignedTail: 0 })
    }))

  it.effect("truncated at any byte of the database or the WAL, verifies as a prefix or fails clearly, never with a defect", () =>
    Effect.gen(function*() {
      const file = scratch.fresh("audit.db")
      // Half the records end up in the database file (a WAL checkpoint), half only in the WAL.
      const image = yield* Effect.gen(function*() {
        yield* appendRange(0, 20)
        const other = new DatabaseSync(file)
        other.exec("PRAGMA wal_checkpoint(PASSIVE)")
        other.close()
        yield* appendRange(20, 40)
        return crashImage(file)
      }).pipe(Effect.provide(open(file, 7)))

      const outcomes = { prefix: 0, problem: 0, failure: 0 }
      for (const target of [image, `${image}-wal`]) {
        const size = statSync(target).size
        const offsets = new Set([0, 1, 31, 32, 33, 4095, 4096, 4097, size - 1, ...Array.from({ length: 40 }, (_, i) => Math.floor((size * i) / 40))])
        for (const offset of [...offsets].filter((o) => o >= 0 && o < size)) {
          const cut = scratch.fresh(basename(file))
          mkdirSync(dirname(cut), { recursive: true })
          copyFileSync(image, cut)
          copyFileSync(`${image}-wal`, `${cut}-wal`)
          truncateSync(target === image ? cut : `${cut}-wal`, offset)
          const exit = yield* Effect.exit(Effect.scoped(Effect.gen(function*() {
            const audit = yield* openAuditFileReadOnly(cut)
            const report = yield* audit.verify(signer.publicKey)
            const ids = report.ok ? (yield* audit.read()).map((entry) => entry.record.eventID) : []
            return { report, ids }
          })))
          const where = `${target === image ? "database" : "WAL"} cut at byte ${offset} of ${size}`
          if (Exit.isSuccess(exit)) {
            const { report, ids } = exit.value
            if (report.ok) {
              expect(ids, where).toEqual(eventIds(0, ids.length))
              outcomes.prefix += 1
            } else {
              expect(report.detail, where).not.toBe("")
              outcomes.problem += 1
            }
          } else {
            // Only typed failures (a file SQLite cannot read), never a defect or an interruption.
            expect(Cause.hasDies(exit.cause), `${where}: ${Cause.pretty(exit.cause)}`).toBe(false)
            expect(String(Cause.squash(exit.cause)), where).toMatch(/AuditLogFailure|audit/)
            outcomes.failure += 1
          }
        }
      }
      // Cutting the WAL leaves its committed prefix; cutting the database mostly leaves a file SQLite rejects.
      expect(outcomes.prefix).toBeGreaterThan(0)
    }))
})
