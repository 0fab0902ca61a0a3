/**
 * Test fixture run as a child process by SqliteConcurrency.int.test.ts:
 * appends `count` events, one per append, to one stream of a shared SQLite
 * log, each time expecting the seq it just read and retrying on SeqConflict.
 * Prints the number of conflicts it met. Usage:
 *   node racingAppender.test-support.ts <file> <region> <streamId> <writer> <count> <startAtEpochMs>
 */
import { Effect, Option } from "effect"
import { EventLog } from "./EventLog.ts"
import { samplePendingEvent } from "./contract/samplePendingEvent.test-support.ts"

/** Appends `count` events as writer `writer`, retrying on SeqConflict; succeeds with the number of conflicts. */
export const appendRacing = (streamId: string, writer: number, count: number) =>
  Effect.gen(function*() {
    const log = yield* EventLog
    let conflicts = 0
    for (let i = 0; i < count; i++) {
      const n = writer * 1_000_000 + i
      for (;;) {
        const expectedSeq = Option.match(yield* log.readState(streamId), { onNone: () => 0, onSome: (s) => s.seq })
        yield* Effect.yieldNow
        const appended = yield* log.append({
          streamId,
          streamType: "key",
          expectedSeq,
          events: [samplePendingEvent(n, { principal: `writer-${writer}` })],
          state: { writer, i },
          dueAt: null
        }).pipe(Effect.as(true), Effect.catchTag("SeqConflict", () => Effect.succeed(false)))
        if (appended) break
        conflicts += 1
      }
    }
    return conflicts
  })

if (import.meta.main) {
  const [file = "", region = "", streamId = "", writer = "0", count = "0", startAt = "0"] = process.argv.slice(2)
  const conflicts = await Effect.runPromise(
    appendRacing(streamId, Number(writer), Number(count)).pipe(
      Effect.provide(EventLog.layerSqlite({ file, region })),
      Effect.delay(Math.max(0, Number(startAt) - Date.now()))
    )
  )
  process.stdout.write(`${conflicts}\n`)
}
