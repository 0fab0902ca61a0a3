import { type Duration, Effect, Option } from "effect"
import type { AppendSignal } from "./AppendSignal.ts"
import type { EventLog } from "./EventLog.ts"
import { followLog } from "./followLog.ts"
import { needsLimit, needsPage, needsStreamRange } from "./readPreconditions.ts"
import type { SqliteAttempt } from "./SqliteDatabase.ts"
import type { EventStatements } from "./SqliteEventStatements.ts"
import { decodeEventArrayRow, decodeReplayArrayRow, decodeStateRow } from "./SqliteRows.ts"
import { toStreamState } from "./StateRecord.ts"
import type { StreamType } from "./StreamState.ts"

/** Every EventLog method but `append`: what a store that is written some other way still answers. */
export type EventLogReads = Omit<EventLog["Service"], "append">

/**
 * The read side of a SQLite file holding `events` and `key_state`: the
 * embedded log's, and the replica's of a Kafka log. Rows are decoded, never
 * cast, and every method keeps the EventLog's preconditions.
 */
export const makeSqliteEventReads = (options: {
  readonly region: string
  readonly sql: EventStatements
  readonly attempt: SqliteAttempt
  readonly signal: AppendSignal
  /** How often followers look for rows written by other connections; undefined when there are none. */
  readonly pollInterval: Duration.Input | undefined
}): EventLogReads => {
  const { sql, attempt, signal, pollInterval } = options

  const readEvents = (action: string, run: () => ReadonlyArray<unknown>) =>
    attempt(action, () => run().map(decodeEventArrayRow))

  const readStates = (action: string, run: () => ReadonlyArray<unknown>) =>
    attempt(action, () => run().map((row) => toStreamState(decodeStateRow(row))))

  const readStream = Effect.fn("EventLog.readStream")(function*(streamId: string, fromSeq = 1, toAt?: number) {
    needsStreamRange(streamId, fromSeq, toAt)
    return yield* readEvents(`reading stream ${streamId}`, () =>
      toAt === undefined ? sql.stream.all(streamId, fromSeq) : sql.streamUntil.all(streamId, fromSeq, toAt))
  })

  const readAll = Effect.fn("EventLog.readAll")(function*(afterPosition: number, limit: number) {
    needsPage(afterPosition, limit)
    return yield* readEvents("reading the log", () => sql.all.all(afterPosition, limit))
  })

  const readReplay = Effect.fn("EventLog.readReplay")(function*(afterPosition: number, limit: number) {
    needsPage(afterPosition, limit)
    return yield* attempt("reading the log", () => sql.replay.all(afterPosition, limit).map(decodeReplayArrayRow))
  })

  const head = attempt("reading the end of the log", () => Number(sql.head.get()?.["head"] ?? 0))
  /** For an idle follower's polls; a failing read answers "moved", so the follower's own read reports it. */
  const headNow = () => {
    try {
      return Number(sql.head.get()?.["head"] ?? 0)
    } catch {
      return Number.POSITIVE_INFINITY
    }
  }

  const readState = Effect.fn("EventLog.readState")(function*(streamId: string) {
    const states = yield* readStates(`reading the state of ${streamId}`, () => sql.state.all(streamId))
    return Option.fromUndefinedOr(states[0])
  })

  const listStates = Effect.fn("EventLog.listStates")(
    function*(streamType: StreamType, afterStreamId: string | undefined, limit: number) {
      needsLimit(limit)
      return yield* readStates(`listing ${streamType} states`, () =>
        afterStreamId === undefined
          ? sql.listStates.all(streamType, limit)
          : sql.listStatesAfter.all(streamType, afterStreamId, limit))
    }
  )

  const dueStates = Effect.fn("EventLog.dueStates")(function*(streamType: StreamType, now: number, limit: number) {
    needsLimit(limit)
    return yield* readStates(`reading due ${streamType} states`, () => sql.dueStates.all(streamType, now, limit))
  })

  return {
    region: options.region,
    readStream,
    readAll,
    readReplay,
    head,
    follow: (afterPosition: number) => followLog({ readAll, signal, pollInterval, headNow }, afterPosition),
    readState,
    listStates,
    dueStates
  }
}
