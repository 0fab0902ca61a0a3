import type { Effect } from "effect"
import type { StoredAuditRecord } from "./AuditEntry.ts"
import type { AuditFilter } from "./AuditFilter.ts"
import type { ChainTip, SealedAuditEntry } from "./auditChain.ts"
import type { AuditLogFailure } from "./AuditLogFailure.ts"
import type { KeyLastUsage } from "./KeyLastUsage.ts"

/** Where a stored chain ends, read once when the store opens. */
export interface StoredChainEnd {
  readonly tip: ChainTip
  /** Entries after the last checkpoint (a crash can leave some). */
  readonly unsigned: number
}

/**
 * Where a Region's audit entries live: the port behind AuditLog. An adapter
 * stores what it is given, in the order given, and reads it back; numbering,
 * hashing, signing and batching happen above it (makeAuditLog), so every
 * adapter holds byte-identical entries. The embedded adapter is a SQLite file
 * per Region; a Kafka adapter would produce each batch to `trent.<region>.audit`
 * as one transactional (or acks=all, idempotent) send and read the topic back.
 */
export interface AuditStore {
  readonly region: string
  readonly opened: StoredChainEnd
  /**
   * Makes `entries` durable, all or none, in one transaction: when this
   * succeeds they survive a crash or power loss. Called by one writer at a time.
   */
  commit(entries: ReadonlyArray<SealedAuditEntry>): Effect.Effect<void, AuditLogFailure>
  read(filter: AuditFilter): Effect.Effect<ReadonlyArray<StoredAuditRecord>, AuditLogFailure>
  /** The latest successful use of the key (KeyLastUsage), if any. */
  lastUsage(keyArn: string): Effect.Effect<KeyLastUsage | undefined, AuditLogFailure>
  /**
   * Runs `use` over every stored entry in storage order, undecoded and
   * untrusted, as plain JSON objects; the iterable may be walked more than
   * once while `use` runs (verifyEntries walks it twice).
   */
  scan<A>(use: (entries: Iterable<unknown>) => A): Effect.Effect<A, AuditLogFailure>
  /** Transactions committed since the store opened (for tests and metrics). */
  readonly transactions: () => number
}
