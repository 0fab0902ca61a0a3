import { Effect, Option } from "effect"
import { prepareAppend, type AppendInput } from "./AppendInput.ts"
import { makeAppendSignal } from "./AppendSignal.ts"
import type { EventLog } from "./EventLog.ts"
import { toReplayedEvent, toStoredEvent, type EventRecord } from "./EventRecord.ts"
import { followLog } from "./followLog.ts"
import { InvalidEventLogInput } from "./InvalidEventLogInput.ts"
import { needsLimit, needsPage, needsStreamRange } from "./readPreconditions.ts"
import { sealEvents } from "./sealEvents.ts"
import { SeqConflict } from "./SeqConflict.ts"
import { toStreamState, type StateRecord } from "./StateRecord.ts"
import type { StreamType } from "./StreamState.ts"

// SQLite compares TEXT with memcmp over UTF-8; JavaScript's `<` compares UTF-16
// code units, which orders some astral characters differently. Compare bytes.
const byUtf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"))

/**
 * The EventLog in memory, for unit tests: the same preconditions, sealing,
 * hashing and ordering as the SQLite adapter, so that both hand out identical
 * StoredEvents for the same calls. Every method runs synchronously, which makes
 * each append atomic without a lock.
 */
export const makeMemoryEventLog = (options: { readonly region: string }): Effect.Effect<EventLog["Service"]> =>
  Effect.sync(() => {
    const { region } = options
    const log: Array<EventRecord> = []
    const streams = new Map<string, Array<EventRecord>>()
    const eventIds = new Set<string>()
    const states = new Map<string, StateRecord>()
    const signal = makeAppendSignal()

    const append = Effect.fn("EventLog.append")(function*(input: AppendInput) {
      const prepared = prepareAppend(input)
      const stream = streams.get(prepared.streamId) ?? []
      const tip = stream.at(-1)
      const actualSeq = tip?.seq ?? 0
      if (actualSeq !== prepared.expectedSeq) {
        return yield* new SeqConflict({ streamId: prepared.streamId, expectedSeq: prepared.expectedSeq, actualSeq })
      }
      const reused = prepared.events.find((event) => eventIds.has(event.eventId))
      if (reused !== undefined) {
        return yield* Effect.die(new InvalidEventLogInput({ message: `eventId ${reused.eventId} is already stored` }))
      }
      const records = sealEvents(region, 0, prepared, tip).map((sealed, i) => ({ ...sealed, position: log.length + 1 + i }))
      log.push(...records)
      stream.push(...records)
      streams.set(prepared.streamId, stream)
      for (const record of records) eventIds.add(record.eventId)
      states.set(prepared.streamId, prepared.state)
      signal.notify()
      return records.map(toStoredEvent)
    })

    const readStream = Effect.fn("EventLog.readStream")((streamId: string, fromSeq = 1, toAt?: number) =>
      Effect.sync(() => {
        needsStreamRange(streamId, fromSeq, toAt)
        const events = (streams.get(streamId) ?? []).filter((event) => event.seq >= fromSeq)
        const end = toAt === undefined ? -1 : events.findIndex((event) => event.at > toAt)
        return (end === -1 ? events : events.slice(0, end)).map(toStoredEvent)
      })
    )

    // Positions are 1, 2, ... with no holes here, so position p sits at index p - 1.
    const readAll = Effect.fn("EventLog.readAll")((afterPosition: number, limit: number) =>
      Effect.sync(() => {
        needsPage(afterPosition, limit)
        return log.slice(afterPosition, afterPosition + limit).map(toStoredEvent)
      })
    )

    const readReplay = Effect.fn("EventLog.readReplay")((afterPosition: number, limit: number) =>
      Effect.sync(() => {
        needsPage(afterPosition, limit)
        return log.slice(afterPosition, afterPosition + limit).map(toReplayedEvent)
      })
    )

    const readState = Effect.fn("EventLog.readState")((streamId: string) =>
      Effect.sync(() => Option.map(Option.fromUndefinedOr(states.get(streamId)), toStreamState))
    )

    const statesOf = (streamType: StreamType, include: (state: StateRecord) => boolean, limit: number) =>
      Effect.sync(() => {
        needsLimit(limit)
        return [...states.values()].filter((s) => s.streamType === streamType && include(s))
      })

    const listStates = Effect.fn("EventLog.listStates")(
      (streamType: StreamType, afterStreamId: string | undefined, limit: number) =>
        statesOf(streamType, (s) => afterStreamId === undefined || byUtf8(s.streamId, afterStreamId) > 0, limit).pipe(
          Effect.map((found) => found.sort((a, b) => byUtf8(a.streamId, b.streamId)).slice(0, limit).map(toStreamState))
        )
    )

    const dueStates = Effect.fn("EventLog.dueStates")((streamType: StreamType, now: number, limit: number) =>
      statesOf(streamType, (s) => s.dueAt !== null && s.dueAt <= now, limit).pipe(
        Effect.map((found) =>
          found
            .sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0) || byUtf8(a.streamId, b.streamId))
            .slice(0, limit)
            .map(toStreamState)
        )
      )
    )

    return {
      region,
      append,
      readStream,
      readAll,
      readReplay,
      head: Effect.sync(() => log.length),
      follow: (afterPosition: number) => followLog({ readAll, signal, pollInterval: undefined }, afterPosition),
      readState,
      listStates,
      dueStates
    }
  })
