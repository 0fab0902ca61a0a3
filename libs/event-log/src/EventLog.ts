import { Context, Layer } from "effect"
import type { Effect, Option, Stream } from "effect"
import type { AppendInput } from "./AppendInput.ts"
import type { EventLogFailure } from "./EventLogFailure.ts"
import { makeMemoryEventLog } from "./MemoryEventLog.ts"
import type { SeqConflict } from "./SeqConflict.ts"
import { makeSqliteEventLog, type SqliteEventLogOptions } from "./SqliteEventLog.ts"
import type { ReplayedEvent, StoredEvent } from "./StoredEvent.ts"
import type { StreamState, StreamType } from "./StreamState.ts"

/**
 * A Region's event log: per-stream, hash-chained, append-only, with the folded
 * state of each stream written in the same transaction as its events.
 *
 * Calls that break the contract (an empty append, a negative seq, a payload
 * that is not JSON, a reused eventId, a limit below 1) die with an
 * InvalidEventLogInput defect: they are bugs, not outcomes to handle.
 */
export class EventLog extends Context.Service<EventLog, {
  readonly region: string
  /**
   * Atomically appends `events` (numbered expectedSeq+1, ...) and replaces the
   * stream's state row, or does nothing. Fails with SeqConflict unless the
   * stream currently ends at `expectedSeq` (0 for a new stream).
   */
  append(input: AppendInput): Effect.Effect<ReadonlyArray<StoredEvent>, SeqConflict | EventLogFailure>
  /**
   * The stream's events from `fromSeq` (default 1) in seq order. With `toAt`,
   * stops before the first event whose `at` is later: the answer is always a
   * gap-free prefix, the history as it stood at that moment.
   */
  readStream(streamId: string, fromSeq?: number, toAt?: number): Effect.Effect<ReadonlyArray<StoredEvent>, EventLogFailure>
  /** Up to `limit` events of every stream with position > `afterPosition`, in position order. */
  readAll(afterPosition: number, limit: number): Effect.Effect<ReadonlyArray<StoredEvent>, EventLogFailure>
  /**
   * `readAll` for a fold over the whole log: the same events, page by page, each with only what a
   * fold reads (ReplayedEvent). The checks of the stored rows are readAll's.
   */
  readReplay(afterPosition: number, limit: number): Effect.Effect<ReadonlyArray<ReplayedEvent>, EventLogFailure>
  /** The position of the last stored event (0 for an empty log): where a follower that wants only new events starts. */
  readonly head: Effect.Effect<number, EventLogFailure>
  /** The events after `afterPosition`, then every new one as it is appended. Never ends by itself. */
  follow(afterPosition: number): Stream.Stream<StoredEvent, EventLogFailure>
  readState(streamId: string): Effect.Effect<Option.Option<StreamState>, EventLogFailure>
  /** States of one stream type, ordered by streamId (bytewise), after `afterStreamId` when given. */
  listStates(
    streamType: StreamType,
    afterStreamId: string | undefined,
    limit: number
  ): Effect.Effect<ReadonlyArray<StreamState>, EventLogFailure>
  /** States of one stream type with dueAt <= now, ordered by dueAt then streamId. */
  dueStates(streamType: StreamType, now: number, limit: number): Effect.Effect<ReadonlyArray<StreamState>, EventLogFailure>
}>()("@trent/event-log/EventLog") {
  /** The embedded store: one SQLite file per Region. Closes the database when the layer is released. */
  static layerSqlite(options: SqliteEventLogOptions): Layer.Layer<EventLog, EventLogFailure> {
    return Layer.effect(EventLog, makeSqliteEventLog(options))
  }

  /** Same behaviour, byte for byte, in memory: for unit tests. */
  static layerMemory(options: { readonly region: string }): Layer.Layer<EventLog> {
    return Layer.effect(EventLog, makeMemoryEventLog(options))
  }
}
