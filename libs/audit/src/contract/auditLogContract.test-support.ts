import { it } from "@effect/vitest"
import { Effect, type Layer } from "effect"
import { TestClock } from "effect/testing"
import { describe, expect } from "vitest"
import type { AuditInput } from "../AuditInput.ts"
import { AuditLog } from "../AuditLog.ts"
import type { AuditLogFailure } from "../AuditLogFailure.ts"
import type { AuditLogOptions } from "../makeAuditLog.ts"
import { alice, keyArn, region, sampleInput } from "../auditFixtures.test-support.ts"

/** Opens an AuditLog of Region "eu-west-1" over one storage (the same each call), with one signer. */
export type AuditLogOpener = (options?: Partial<AuditLogOptions>) => Layer.Layer<AuditLog, AuditLogFailure>

const bob = { ...alice, arn: "arn:aws:iam::111122223333:user/Bob", principalId: "AIDABOBEXAMPLE" }

/** Runs `body` against a log opened over the storage and closes it (signing its tail) afterwards. */
const using = <A, E>(open: AuditLogOpener, body: Effect.Effect<A, E, AuditLog>, options?: Partial<AuditLogOptions>) =>
  Effect.provide(body, open(options))

const appendAll = (inputs: ReadonlyArray<AuditInput>) =>
  Effect.gen(function*() {
    const log = yield* AuditLog
    for (const input of inputs) yield* log.append(input)
  })

const theLog = Effect.gen(function*() {
  return yield* AuditLog
})

const verifyOwn = Effect.gen(function*() {
  const log = yield* AuditLog
  return yield* log.verify(log.publicKey)
})

/**
 * The behaviour every AuditLog adapter shares. Each adapter's test file calls
 * this with a factory of fresh, empty storages; the opener it returns must
 * reopen the same storage each time it is called.
 */
export const auditLogContract = (freshStorage: () => AuditLogOpener): void => {
  const test = (name: string, body: (open: AuditLogOpener) => Effect.Effect<void, unknown>) =>
    it.effect(name, () => body(freshStorage()))

  describe("append", () => {
    test("makes the record readable once it resolves, as entry seq 2 chained to the signed genesis at seq 1", (open) =>
      using(open, Effect.gen(function*() {
        const log = yield* AuditLog
        yield* log.append(sampleInput(0))
        const [entry] = yield* log.read()
        const genesis = yield* log.verify(log.publicKey)
        expect(genesis).toMatchObject({ ok: true, genesis: true, lastCheckpoint: { seq: 1, coversSeq: 0 } })
        expect(entry).toMatchObject({ kind: "record", seq: 2, prevHash: genesis.ok ? genesis.lastCheckpoint?.hash : "" })
        expect(entry?.record).toMatchObject({ eventName: "Encrypt", eventID: sampleInput(0).eventId, awsRegion: region })
        expect(entry?.record.requestParameters).not.toHaveProperty("plaintext")
        expect(yield* verifyOwn).toMatchObject({ ok: true, records: 1, checkpoints: 1, unsignedTail: 1 })
      })))

    test("numbers and chains records in the order they were appended", (open) =>
      using(open, Effect.gen(function*() {
        yield* appendAll([0, 1, 2, 3].map((n) => sampleInput(n)))
        const entries = yield* (yield* AuditLog).read()
        expect(entries.map((entry) => [entry.seq, entry.record.eventID])).toEqual([0, 1, 2, 3].map((n) => [n + 2, sampleInput(n).eventId]))
        for (let i = 1; i < entries.length; i++) expect(entries[i]?.prevHash).toBe(entries[i - 1]?.hash)
      })))

    test("group-commits 1,000 concurrent appends into a few transactions, losing none", (open) =>
      using(open, Effect.gen(function*() {
        const log = yield* AuditLog
        const before = (yield* log.stats).transactions
        const inputs = Array.from({ length: 1_000 }, (_, n) => sampleInput(n))
        yield* Effect.forEach(inputs, log.append, { concurrency: "unbounded", discard: true })
        const stats = yield* log.stats
        expect(stats.transactions - before).toBeLessThanOrEqual(5)
        const ids = new Set((yield* log.read()).map((entry) => entry.record.eventID))
        expect(ids.size).toBe(1_000)
        expect(yield* verifyOwn).toMatchObject({ ok: true, records: 1_000, checkpoints: 2, genesis: true })
      })))

    test("waits rather than fails when the queue is full", (open) =>
      using(open, Effect.gen(function*() {
        const log = yield* AuditLog
        yield* Effect.forEach(Array.from({ length: 200 }, (_, n) => sampleInput(n)), log.append, { concurrency: "unbounded", discard: true })
        expect((yield* log.read()).length).toBe(200)
      }), { queueCapacity: 3 }))

    test("signs a checkpoint after every checkpointEvery records", (open) =>
      using(open, Effect.gen(function*() {
        yield* appendAll(Array.from({ length: 12 }, (_, n) => sampleInput(n)))
        expect(yield* verifyOwn).toMatchObject({ ok: true, records: 12, checkpoints: 3, lastSeq: 15, unsignedTail: 2 })
        expect((yield* (yield* AuditLog).read()).map((entry) => entry.seq)).toEqual([2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 14, 15])
      }), { checkpointEvery: 5 }))

    test("signs a quiet log's tail once checkpointAfterMillis have passed", (open) =>
      using(open, Effect.gen(function*() {
        const log = yield* AuditLog
        yield* log.append(sampleInput(0))
        yield* TestClock.adjust(1_000)
        // The checkpoint is written by the writer (on the SQLite store, a writer thread): wait for it in real time.
        for (let i = 0; i < 500 && (yield* log.stats).unsigned > 0; i++) {
          yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 5)))
        }
        expect(yield* log.stats).toMatchObject({ lastSeq: 3, unsigned: 0, queued: 0 })
        expect(yield* verifyOwn).toMatchObject({ ok: true, records: 1, checkpoints: 2, unsignedTail: 0 })
      }), { checkpointAfterMillis: 1_000 }))

    // Each opening signs a checkpoint (the genesis at seq 1, then one where each later writer began).
    test("signs the tail when the log closes, and continues the chain when it reopens", (open) =>
      Effect.gen(function*() {
        yield* using(open, appendAll([0, 1, 2].map((n) => sampleInput(n))))
        yield* using(open, appendAll([3, 4].map((n) => sampleInput(n))))
        const [report, seqs] = yield* using(open, Effect.gen(function*() {
          return [yield* verifyOwn, (yield* (yield* AuditLog).read()).map((entry) => entry.seq)] as const
        }))
        expect(report).toMatchObject({ ok: true, records: 5, checkpoints: 5, lastSeq: 10, unsignedTail: 0 })
        expect(seqs).toEqual([2, 3, 4, 7, 8])
      }))

    test("fails, and records nothing, once the log is closed", (open) =>
      Effect.gen(function*() {
        const closed = yield* using(open, theLog)
        const failure = yield* Effect.flip(closed.append(sampleInput(0)))
        expect(failure).toMatchObject({ _tag: "AuditLogFailure", message: `the audit log of Region ${region} is closed` })
        expect(yield* using(open, Effect.flatMap(theLog, (log) => log.read()))).toEqual([])
      }))

    test("dies on a record of another Region", (open) =>
      using(open, Effect.gen(function*() {
        const exit = yield* Effect.exit((yield* AuditLog).append(sampleInput(0, { region: "us-east-1" })))
        expect(exit._tag).toBe("Failure")
        expect(String(exit)).toMatch(/a record of Region us-east-1 was given to the audit log of Region eu-west-1/)
      })))
  })

  describe("read", () => {
    const mixed = [
      sampleInput(0, { resources: [keyArn(7)] }),
      sampleInput(1, { principal: bob }),
      sampleInput(2, { operation: "DescribeKey", error: { code: "NotFoundException", message: "no such key" } }),
      sampleInput(3, { resources: [keyArn(8), keyArn(7)], operation: "ReEncrypt" }),
      sampleInput(4)
    ]

    test("filters by key, caller, operation, time, errors and seq, in seq order, up to a limit", (open) =>
      using(open, Effect.gen(function*() {
        yield* appendAll(mixed)
        const log = yield* AuditLog
        const ids = (entries: ReadonlyArray<{ readonly record: { readonly eventID: string } }>) => entries.map((entry) => entry.record.eventID)
        const idsOf = (...ns: ReadonlyArray<number>) => ns.map((n) => sampleInput(n).eventId)
        expect(ids(yield* log.read({ keyArn: keyArn(7) }))).toEqual(idsOf(0, 3))
        expect(ids(yield* log.read({ principalArn: bob.arn }))).toEqual(idsOf(1))
        expect(ids(yield* log.read({ eventName: "ReEncrypt" }))).toEqual(idsOf(3))
        expect(ids(yield* log.read({ errorsOnly: true }))).toEqual(idsOf(2))
        expect(ids(yield* log.read({ since: sampleInput(1).time - 250, until: sampleInput(3).time - 250 }))).toEqual(idsOf(1, 2))
        expect(ids(yield* log.read({ sinceSeq: 4 }))).toEqual(idsOf(3, 4))
        expect(ids(yield* log.read({ limit: 2 }))).toEqual(idsOf(0, 1))
        expect(ids(yield* log.read({ keyArn: keyArn(7), principalArn: bob.arn }))).toEqual([])
      })))
  })

  describe("lastUsage", () => {
    test("is the latest successful cryptographic use of the key, counting both keys of a ReEncrypt", (open) =>
      using(open, Effect.gen(function*() {
        yield* appendAll([
          sampleInput(0, { resources: [keyArn(1)] }),
          sampleInput(1, { resources: [keyArn(2), keyArn(1)], operation: "ReEncrypt" }),
          sampleInput(2, { resources: [keyArn(1)], operation: "DescribeKey" }),
          sampleInput(3, { resources: [keyArn(1)], operation: "Decrypt", error: { code: "InvalidCiphertextException" } })
        ])
        const log = yield* AuditLog
        expect(yield* log.lastUsage(keyArn(1))).toEqual({
          time: Date.parse("2026-11-28T14:03:06Z"),
          operation: "ReEncrypt",
          region,
          eventId: sampleInput(1).eventId,
          requestId: sampleInput(1).requestId
        })
        expect((yield* log.lastUsage(keyArn(2)))?.operation).toBe("ReEncrypt")
        expect(yield* log.lastUsage(keyArn(9))).toBeUndefined()
      })))
  })

  describe("verify", () => {
    test("accepts a log that holds only its genesis and fails every checkpoint under another Region's key", (open) =>
      Effect.gen(function*() {
        expect(yield* using(open, verifyOwn)).toMatchObject({ ok: true, records: 0, checkpoints: 1, lastSeq: 1, genesis: true })
        yield* using(open, appendAll([sampleInput(0)]))
        const other = yield* using(freshStorage(), Effect.map(theLog, (log) => log.publicKey))
        const report = yield* using(open, Effect.flatMap(theLog, (log) => log.verify(other)))
        expect(report).toMatchObject({ ok: false, firstBadSeq: 1, problem: "bad-signature" })
      }))
  })
}
