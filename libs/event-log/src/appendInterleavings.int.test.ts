import { checkProperty, scratchDirectory } from "@trent/testing"
import { Effect, Exit } from "effect"
import * as fc from "fast-check"
import { afterAll, describe, expect, it } from "vitest"
import type { AppendInput } from "./AppendInput.ts"
import type { EventLog } from "./EventLog.ts"
import { makeMemoryEventLog } from "./MemoryEventLog.ts"
import { samplePendingEvent } from "./contract/samplePendingEvent.test-support.ts"
import { makeSqliteEventLog } from "./SqliteEventLog.ts"
import { verifyStreamChain } from "./verifyStreamChain.ts"

const scratch = scratchDirectory("append-interleavings", afterAll)
const region = "eu-west-1"
const streams = ["k1", "k2", "alias/a"] as const

/** One append: to which stream, how far its expectedSeq is off the truth (0 = right), and what it carries. */
const appendCommand = fc.record({
  stream: fc.constantFrom(...streams),
  drift: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: -3, max: 3 }) }),
  count: fc.integer({ min: 1, max: 3 }),
  payload: fc.jsonValue({ maxDepth: 2 }),
  at: fc.nat(),
  dueAt: fc.option(fc.nat(), { nil: null })
})

type AppendCommand = typeof appendCommand extends fc.Arbitrary<infer C> ? C : never

type Log = EventLog["Service"]

const outcomeOf = (log: Log, input: AppendInput) =>
  log.append(input).pipe(
    Effect.map((events) => ({ appended: events.map((e) => e.seq) })),
    Effect.catchTag("SeqConflict", (conflict) => Effect.succeed({ conflict: conflict.actualSeq }))
  )

const snapshot = (log: Log) =>
  Effect.gen(function*() {
    const events = yield* log.readAll(0, 10_000)
    const states = [...(yield* log.listStates("key", undefined, 100)), ...(yield* log.listStates("alias", undefined, 100))]
    const byStream = yield* Effect.forEach(streams, (id) => Effect.map(log.readStream(id), (events) => [id, events] as const))
    return { events, states, byStream }
  })

const run = (commands: ReadonlyArray<AppendCommand>) =>
  Effect.gen(function*() {
    const memory = yield* makeMemoryEventLog({ region })
    const sqlite = yield* makeSqliteEventLog({ file: scratch.fresh("events.db"), region })
    const truth = new Map<string, number>()
    let n = 0
    for (const command of commands) {
      const actual = truth.get(command.stream) ?? 0
      const expectedSeq = Math.max(0, actual + command.drift)
      const events = Array.from({ length: command.count }, () => {
        n += 1
        return samplePendingEvent(n, { at: command.at, payload: command.payload })
      })
      const input: AppendInput = {
        streamId: command.stream,
        streamType: command.stream.startsWith("alias/") ? "alias" : "key",
        expectedSeq,
        events,
        state: { n, payload: command.payload },
        dueAt: command.dueAt
      }
      const fromMemory = yield* outcomeOf(memory, input)
      const fromSqlite = yield* outcomeOf(sqlite, input)
      expect(fromSqlite).toEqual(fromMemory)
      if (expectedSeq === actual) {
        expect(fromMemory).toEqual({ appended: Array.from({ length: command.count }, (_, i) => actual + i + 1) })
        truth.set(command.stream, actual + command.count)
      } else {
        expect(fromMemory).toEqual({ conflict: actual })
      }
    }
    const fromMemory = yield* snapshot(memory)
    const fromSqlite = yield* snapshot(sqlite)
    // Byte-identical: same fields, same order, same hashes.
    expect(JSON.stringify(fromSqlite)).toBe(JSON.stringify(fromMemory))
    for (const [id, stream] of fromMemory.byStream) {
      const length = truth.get(id) ?? 0
      expect(stream.map((e) => e.seq)).toEqual(Array.from({ length }, (_, k) => k + 1))
      expect(verifyStreamChain(stream)).toEqual({ ok: true })
    }
    for (const state of fromMemory.states) expect(state.seq).toBe(truth.get(state.streamId))
  })

describe("random interleavings of appends with right and wrong expectations", () => {
  it("keep every stream contiguous from 1 with a valid chain, identically in memory and in SQLite", async () => {
    await checkProperty(
      "append interleavings",
      fc.asyncProperty(fc.array(appendCommand, { maxLength: 25 }), async (commands) => {
        const exit = await Effect.runPromiseExit(Effect.scoped(run(commands)))
        if (Exit.isFailure(exit)) throw new Error(String(exit.cause))
      })
    )
  }, 300_000)
})
