import { Effect } from "effect"
import type { StoredAuditEntry, StoredAuditRecord } from "./AuditEntry.ts"
import { type AuditFilter, matchesFilter } from "./AuditFilter.ts"
import { emptyChain, type SealedAuditEntry, tipOf } from "./auditChain.ts"
import type { AuditStore, StoredChainEnd } from "./AuditStore.ts"
import { isUsageOf, keyLastUsageOf } from "./KeyLastUsage.ts"

// Rebuilt from the stored text, as a SQLite or Kafka reader sees it (absent optional fields stay absent).
const asStored = ({ entry, bodyJson }: SealedAuditEntry): StoredAuditEntry => {
  const { kind, seq, prevHash, hash } = entry
  const body: unknown = JSON.parse(bodyJson)
  return (kind === "record" ? { kind, seq, prevHash, hash, record: body } : { kind, seq, prevHash, hash, checkpoint: body }) as StoredAuditEntry
}

const isRecord = (entry: StoredAuditEntry): entry is StoredAuditRecord => entry.kind === "record"

const chainEndOf = (entries: ReadonlyArray<StoredAuditEntry>): StoredChainEnd => {
  const last = entries.at(-1)
  const signedUpTo = entries.findLast((entry) => entry.kind === "checkpoint")?.seq ?? 0
  return last === undefined ? { tip: emptyChain, unsigned: 0 } : { tip: tipOf(last), unsigned: last.seq - signedUpTo }
}

/**
 * The audit store in memory, for unit tests: an array, committed to
 * synchronously. One store may back several AuditLogs in turn (close one,
 * open the next), like a file reopened.
 */
export const makeMemoryAuditStore = (options: { readonly region: string }): AuditStore => {
  const entries: Array<StoredAuditEntry> = []
  let transactions = 0
  return {
    region: options.region,
    get opened() {
      return chainEndOf(entries)
    },
    commit: (sealed) =>
      Effect.sync(() => {
        entries.push(...sealed.map(asStored))
        transactions += 1
      }),
    read: (filter: AuditFilter) =>
      Effect.sync(() => entries.filter(isRecord).filter(matchesFilter(filter)).slice(0, filter.limit ?? Number.POSITIVE_INFINITY)),
    lastUsage: (keyArn) =>
      Effect.sync(() => {
        const used = entries.filter(isRecord).findLast(isUsageOf(keyArn))
        return used === undefined ? undefined : keyLastUsageOf(used)
      }),
    scan: (use) => Effect.sync(() => use(entries.slice())),
    transactions: () => transactions
  }
}
