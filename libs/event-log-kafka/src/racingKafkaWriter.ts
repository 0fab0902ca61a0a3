/**
 * Test fixture, also run as a child process by concurrentWriters.int.test.ts: a "server" that
 * appends to shared streams in a loop through its own KafkaEventLog, each time expecting the seq
 * its replica holds and retrying on SeqConflict, as the runtime's actors do. As a process it
 * prints `acked <eventId>` for every acknowledged append, so the test knows what must survive
 * when it kills it. Usage:
 *   node racingKafkaWriter.ts '<KafkaStoreOptions as JSON>' <streams, comma-separated> <writer name> <count>
 */
import { randomUUID } from "node:crypto"
import type { EventLog, PendingEvent } from "@trent/event-log"
import { Effect, Option } from "effect"
import { makeKafkaEventLog } from "./KafkaEventLog.ts"
import type { KafkaStoreOptions } from "./KafkaStoreOptions.ts"

export interface RacingTally {
  /** First eventId of every acknowledged append. */
  readonly acked: Array<string>
  conflicts: number
}

const pendingEvent = (writer: string, i: number, k: number): PendingEvent => ({
  eventId: randomUUID(),
  type: "RacingWrite",
  schemaVersion: 1,
  at: Date.now(),
  principal: writer,
  requestId: `${writer}-${i}`,
  commandId: `${writer}-${i}`,
  payload: { writer, i, k }
})

/** Appends `count` times (1 or 2 events each) round-robin over `streams`, retrying each on SeqConflict. */
export const appendRacing = (
  log: EventLog["Service"],
  options: { readonly streams: ReadonlyArray<string>; readonly writer: string; readonly count: number; readonly onAck?: (eventId: string) => void }
) =>
  Effect.gen(function*() {
    const tally: RacingTally = { acked: [], conflicts: 0 }
    for (let i = 0; i < options.count; i++) {
      const streamId = options.streams[i % options.streams.length]!
      for (;;) {
        const expectedSeq = Option.match(yield* log.readState(streamId), { onNone: () => 0, onSome: (state) => state.seq })
        const events = Array.from({ length: 1 + (i % 2) }, (_, k) => pendingEvent(options.writer, i, k))
        const appended = yield* log.append({
          streamId,
          streamType: streamId.startsWith("alias/") ? "alias" : "key",
          expectedSeq,
          events,
          state: { writer: options.writer, i },
          dueAt: null
        }).pipe(Effect.as(true), Effect.catchTag("SeqConflict", () => Effect.succeed(false)))
        if (appended) {
          tally.acked.push(events[0]!.eventId)
          options.onAck?.(events[0]!.eventId)
          break
        }
        tally.conflicts += 1
      }
    }
    return tally
  })

if (import.meta.main) {
  const [optionsJson = "{}", streams = "", writer = "child", count = "1000000"] = process.argv.slice(2)
  const options = JSON.parse(optionsJson) as KafkaStoreOptions
  await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const { eventLog } = yield* makeKafkaEventLog(options)
    process.stdout.write("ready\n")
    yield* appendRacing(eventLog, {
      streams: streams.split(","),
      writer,
      count: Number(count),
      onAck: (eventId) => process.stdout.write(`acked ${eventId}\n`)
    })
  })))
}
