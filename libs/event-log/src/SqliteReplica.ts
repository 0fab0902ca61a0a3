import type { DatabaseSync } from "node:sqlite"
import { Effect, Schema, type Scope } from "effect"
import type { PreparedAppend } from "./AppendInput.ts"
import { makeAppendSignal } from "./AppendSignal.ts"
import type { EventLogFailure } from "./EventLogFailure.ts"
import { type EventRecord, toStoredEvent } from "./EventRecord.ts"
import { eventsUniqueViolation } from "./eventsUniqueViolation.ts"
import { migrateEventLog } from "./eventLogSchema.ts"
import { inImmediateTransaction, openSqlite, sqliteAttempt } from "./SqliteDatabase.ts"
import { makeTipCache } from "./TipCache.ts"
import { type EventLogReads, makeSqliteEventReads } from "./SqliteEventReads.ts"
import { eventStatements, insertAppend, storedEventId, streamTip } from "./SqliteEventStatements.ts"
import type { StoredEvent } from "./StoredEvent.ts"

export interface SqliteReplicaOptions {
  readonly file: string
  readonly region: string
  /**
   * What the replica copies, e.g. `kafka:trent.eu-west-1.events/12`. Recorded at the first open; a
   * file recorded for another source is refused, so two logs never mix in one replica.
   */
  readonly source: string
}

/**
 * How far the replica has applied one partition of its source, and who may write to it: the
 * writer's `term` and `writerId` from the last accepted claim (-1 and "" before any claim).
 */
export interface ReplicaCheckpoint {
  readonly partition: number
  readonly nextOffset: number
  readonly term: number
  readonly writerId: string
}

/** An append the source admitted (its writer held the partition), to apply under the writer's term. */
export interface ReplicaAppend {
  readonly term: number
  readonly append: PreparedAppend
  /** Whether someone waits for the stored events (their writer, in this process); otherwise only the count comes back. */
  readonly returnEvents: boolean
}

export type ReplicaOutcome =
  /** `events` is empty unless the append asked for them (`returnEvents`). */
  | { readonly _tag: "Appended"; readonly count: number; readonly events: ReadonlyArray<StoredEvent> }
  /** The stream does not end at the append's expectedSeq: nothing was stored. */
  | { readonly _tag: "Conflict"; readonly actualSeq: number }
  /** One of the append's eventIds is already stored: nothing was stored. */
  | { readonly _tag: "EventIdReused"; readonly eventId: string }

/**
 * A read-side copy of a log written elsewhere (a Kafka topic): the same `events` and `key_state`
 * tables as the embedded log, answering every EventLog read, plus one checkpoint row per source
 * partition. `apply` writes a batch of appends and the partition's checkpoint in ONE transaction,
 * so after a crash the file is exactly the state at its checkpoints and replay resumes there.
 *
 * Applying is deterministic: the same appends in the same order give every replica the same
 * seqs, hashes and states (positions are the replica's own, like any store's).
 */
export interface SqliteReplica extends EventLogReads {
  readonly checkpoints: Effect.Effect<ReadonlyArray<ReplicaCheckpoint>, EventLogFailure>
  apply(
    appends: ReadonlyArray<ReplicaAppend>,
    checkpoint: ReplicaCheckpoint
  ): Effect.Effect<ReadonlyArray<ReplicaOutcome>, EventLogFailure>
  /** The stream's last seq (0 for none). */
  streamSeq(streamId: string): Effect.Effect<number, EventLogFailure>
  /** The first of `eventIds` already stored, if any. */
  storedEventId(eventIds: ReadonlyArray<string>): Effect.Effect<string | undefined, EventLogFailure>
}

const CheckpointRow = Schema.Struct({
  partition: Schema.Int,
  nextOffset: Schema.Int,
  term: Schema.Int,
  writerId: Schema.String
})
const decodeCheckpointRow = Schema.decodeUnknownSync(CheckpointRow)

const replicaSchema = `CREATE TABLE IF NOT EXISTS replica_partitions (
  partition   INTEGER PRIMARY KEY CHECK (partition >= 0),
  next_offset INTEGER NOT NULL CHECK (next_offset >= 0),
  term        INTEGER NOT NULL,
  writer_id   TEXT    NOT NULL
) STRICT`

/**
 * The event log's schema plus the checkpoint table, and the source check. A file that already
 * holds events but names no source is an embedded log, not a replica: refused rather than adopted.
 */
const prepareReplica = (db: DatabaseSync, region: string, source: string): void => {
  migrateEventLog(db, region)
  inImmediateTransaction(db, () => {
    db.exec(replicaSchema)
    const recorded = db.prepare("SELECT value FROM log_meta WHERE name = 'replica-of'").get()?.["value"]
    if (recorded === undefined) {
      if (db.prepare("SELECT 1 FROM events LIMIT 1").get() !== undefined) {
        throw new Error("the file holds an embedded event log, not a replica")
      }
      db.prepare("INSERT INTO log_meta (name, value) VALUES ('replica-of', ?)").run(source)
    } else if (recorded !== source) {
      throw new Error(`the file is the replica of ${String(recorded)}, not of ${source}; remove it to rebuild the replica`)
    }
  })
}

/**
 * Opens (creating if needed) the replica file. It is written with `synchronous = NORMAL`: in WAL
 * mode a power loss can then undo the last transactions, but never split one, and a checkpoint is
 * in the same transaction as what it covers, so the replica only falls back to an older, consistent
 * checkpoint and replays the rest from its source, where the data is durable. A replay writes in
 * bulk: a 256 MiB page cache (an upper bound, filled only as pages are read) and WAL checkpoints
 * every 10,000 pages (instead of 1,000) keep the indexes' pages of a large Region in memory and the
 * checkpoints few.
 */
export const makeSqliteReplica = (options: SqliteReplicaOptions): Effect.Effect<SqliteReplica, EventLogFailure, Scope.Scope> =>
  Effect.gen(function*() {
    const { region, source } = options
    const db = yield* openSqlite({
      file: options.file,
      purpose: `replica of ${source} for Region ${region}`,
      pragmas: ["synchronous = NORMAL", "cache_size = -262144", "wal_autocheckpoint = 10000"],
      prepare: (db) => prepareReplica(db, region, source)
    })
    const sql = eventStatements(db)
    const checkpointRows = db.prepare(
      "SELECT partition, next_offset AS nextOffset, term, writer_id AS writerId FROM replica_partitions ORDER BY partition"
    )
    const saveCheckpoint = db.prepare(
      `INSERT INTO replica_partitions (partition, next_offset, term, writer_id) VALUES (?, ?, ?, ?)
       ON CONFLICT (partition) DO UPDATE SET
         next_offset = excluded.next_offset, term = excluded.term, writer_id = excluded.writer_id`
    )
    const signal = makeAppendSignal()
    const attempt = sqliteAttempt(options.file)

    // Tips of the streams this connection wrote, so that applying an append reads no row: valid while
    // no other connection commits, which `PRAGMA data_version` tells (https://sqlite.org/pragma.html#pragma_data_version).
    const tips = makeTipCache(db, (streamId) => streamTip(sql, streamId))

    const applyOne = ({ term, append, returnEvents }: ReplicaAppend): ReplicaOutcome => {
      const tip = tips.get(append.streamId)
      const actualSeq = tip?.seq ?? 0
      if (actualSeq !== append.expectedSeq) return { _tag: "Conflict", actualSeq }
      // One event: its insert is the append's first write, so a reused eventId fails it (UNIQUE) with nothing
      // stored, and the index is searched once; several events are looked up first, so that none is stored.
      if (append.events.length > 1) {
        const reused = storedEventId(sql, append.events.map((event) => event.eventId))
        if (reused !== undefined) return { _tag: "EventIdReused", eventId: reused }
      }
      let records: ReadonlyArray<EventRecord>
      try {
        records = insertAppend(sql, region, term, append, tip)
      } catch (error) {
        if (append.events.length === 1 && eventsUniqueViolation(error) === "event-id") {
          return { _tag: "EventIdReused", eventId: append.events[0]!.eventId }
        }
        throw error
      }
      const last = records[records.length - 1]!
      tips.set(append.streamId, { seq: last.seq, hash: last.hash })
      return { _tag: "Appended", count: records.length, events: returnEvents ? records.map(toStoredEvent) : [] }
    }

    const apply = Effect.fn("SqliteReplica.apply")(function*(appends: ReadonlyArray<ReplicaAppend>, checkpoint: ReplicaCheckpoint) {
      const outcomes = yield* attempt(`applying ${appends.length} appends of partition ${checkpoint.partition}`, () =>
        tips.inTransaction(() => {
          const applied = appends.map(applyOne)
          saveCheckpoint.run(checkpoint.partition, checkpoint.nextOffset, checkpoint.term, checkpoint.writerId)
          return applied
        }))
      if (outcomes.some((outcome) => outcome._tag === "Appended")) signal.notify()
      return outcomes
    })

    return {
      ...makeSqliteEventReads({ region, sql, attempt, signal, pollInterval: undefined }),
      checkpoints: attempt("reading the replica checkpoints", () => checkpointRows.all().map((row) => decodeCheckpointRow(row))),
      apply,
      streamSeq: (streamId: string) => attempt(`reading the tip of ${streamId}`, () => streamTip(sql, streamId)?.seq ?? 0),
      storedEventId: (eventIds: ReadonlyArray<string>) => attempt("looking up event ids", () => storedEventId(sql, eventIds))
    }
  })
