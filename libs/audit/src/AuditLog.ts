import { basename, dirname, join } from "node:path"
import { Context, Effect, Layer, type Scope } from "effect"
import type { StoredAuditRecord } from "./AuditEntry.ts"
import type { AuditFilter } from "./AuditFilter.ts"
import type { AuditInput } from "./AuditInput.ts"
import type { AuditLogFailure } from "./AuditLogFailure.ts"
import { appendWitnessLine, auditWitnessFileName } from "./AuditWitness.ts"
import { AuditSigner } from "./AuditSigner.ts"
import type { AuditStore } from "./AuditStore.ts"
import type { KeyLastUsage } from "./KeyLastUsage.ts"
import { type AuditLogOptions, makeAuditLog } from "./makeAuditLog.ts"
import { makeMemoryAuditStore } from "./MemoryAuditStore.ts"
import { makeSqliteAuditStore } from "./SqliteAuditStore.ts"
import type { VerifyOptions, VerifyReport } from "./VerifyReport.ts"

export interface AuditLogStats {
  /** Store transactions since the log opened: with group commit, far fewer than appends. */
  readonly transactions: number
  readonly lastSeq: number
  /** Entries not yet covered by a checkpoint. */
  readonly unsigned: number
  /** Records waiting for the writer now (the group commit's queue; `append` waits once it holds `queueCapacity`). */
  readonly queued: number
}

export interface SqliteAuditLogOptions extends AuditLogOptions {
  /** The Region's own audit file, e.g. data/<region>/audit.db; its name is the chain's name. */
  readonly file: string
  /**
   * Where checkpoints are witnessed (AuditWitness): by default
   * `audit-witness.jsonl` beside the file; false for none.
   */
  readonly witnessFile?: string | false | undefined
}

/**
 * The options of a writer whose chain is the audit file `file` (any store that keeps one, SQLite or
 * Kafka's local copy): its checkpoints name the file (`audit.db`, `audit-<n>.db`), and each durable
 * one is witnessed in `witnessFile` (default `audit-witness.jsonl` beside it; false for none).
 */
export const fileChainOptions = (file: string, witnessFile?: string | false | undefined): Pick<AuditLogOptions, "chain" | "publish"> => {
  const witness = witnessFile ?? join(dirname(file), auditWitnessFileName)
  return { chain: basename(file), ...(witness === false ? {} : { publish: (anchor) => appendWitnessLine(witness, anchor) }) }
}

/**
 * A Region's audit trail: one CloudTrail-shaped record per request (allowed or
 * denied, successful or failed, HTTP or Kafka), hash-chained and
 * periodically signed, never dropped.
 */
export class AuditLog extends Context.Service<AuditLog, {
  readonly region: string
  /** The Region's audit signing public key (SPKI DER), to publish. */
  readonly publicKey: Uint8Array
  /**
   * Records one request; resolves only once the record is durable (group
   * commit). Waits, never drops, while the writer is behind. Fails with
   * AuditLogFailure when the store cannot write or the log is closed: the
   * request must then not be answered as a success.
   */
  append(input: AuditInput): Effect.Effect<void, AuditLogFailure>
  /** Records matching `filter`, in seq order (for `trent audit query`). */
  read(filter?: AuditFilter): Effect.Effect<ReadonlyArray<StoredAuditRecord>, AuditLogFailure>
  /** The latest successful use of the key (GetKeyLastUsage), or undefined if none is recorded. */
  lastUsage(keyArn: string): Effect.Effect<KeyLastUsage | undefined, AuditLogFailure>
  /** Walks the whole stored log (verifyEntries) against a public key the caller trusts. */
  verify(publicKey: Uint8Array, options?: VerifyOptions): Effect.Effect<VerifyReport, AuditLogFailure>
  readonly stats: Effect.Effect<AuditLogStats>
}>()("@trent/audit/AuditLog") {
  /** Over any store (a Kafka adapter plugs in here). The store is opened in, and closed with, the layer's scope. */
  static layerStore<E>(
    store: Effect.Effect<AuditStore, E, Scope.Scope>,
    options: AuditLogOptions
  ): Layer.Layer<AuditLog, E | AuditLogFailure, AuditSigner> {
    return Layer.effect(
      AuditLog,
      Effect.gen(function*() {
        const signer = yield* AuditSigner
        return yield* makeAuditLog(yield* store, signer, options)
      })
    )
  }

  /** The embedded store: the Region's own SQLite file (WAL, synchronous=FULL). */
  static layerSqlite(options: SqliteAuditLogOptions): Layer.Layer<AuditLog, AuditLogFailure, AuditSigner> {
    const { file, witnessFile, ...logOptions } = options
    return AuditLog.layerStore(makeSqliteAuditStore({ file, region: options.region }), { ...fileChainOptions(file, witnessFile), ...logOptions })
  }

  /** The same behaviour in memory, for unit tests. */
  static layerMemory(options: AuditLogOptions): Layer.Layer<AuditLog, never, AuditSigner> {
    // The memory store never fails a commit.
    return AuditLog.layerStore(Effect.sync(() => makeMemoryAuditStore({ region: options.region })), options).pipe(Layer.orDie)
  }
}
