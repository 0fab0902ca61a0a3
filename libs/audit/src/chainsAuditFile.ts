import { Effect, Option, Schema } from "effect"
import { StoredAuditRecord } from "./AuditEntry.ts"
import { type AuditFilter, matchesFilter } from "./AuditFilter.ts"
import { type AuditTrail, type ChainReads, combineReports, lastUsageAcross, readAcross, type TrailVerifyOptions } from "./auditChains.ts"
import { isUsageOf, keyLastUsageOf } from "./KeyLastUsage.ts"
import { verifyEntries } from "./verifyEntries.ts"

const decodeRecord = Schema.decodeUnknownOption(StoredAuditRecord)

/** One chain's reads over its entries in memory; an entry that is not a well-formed record is left to `verify` to report. */
const chainReads = (entries: ReadonlyArray<unknown>): ChainReads => {
  const records = entries.flatMap((entry) => Option.toArray(decodeRecord(entry)))
  return {
    read: (filter: AuditFilter = {}) =>
      Effect.succeed(records.filter(matchesFilter(filter)).slice(0, filter.limit ?? Number.POSITIVE_INFINITY)),
    lastUsage: (keyArn: string) =>
      Effect.sync(() => {
        const used = records.findLast(isUsageOf(keyArn))
        return used === undefined ? undefined : keyLastUsageOf(used)
      })
  }
}

/**
 * A Region's audit trail from its writers' chains held in memory (each writer's entries in its
 * order, as read from the Kafka audit topic), answering as the audit files do: records of every
 * chain in time order, and verification of each chain on its own (openAuditChainsReadOnly's rules).
 * Witnessed anchors are not applied: they name a server's file (`audit.db`), which every server of
 * a cluster has, not a writer of the topic.
 */
export const chainsAuditFile = (
  region: string,
  chains: ReadonlyMap<string, ReadonlyArray<unknown>>
): AuditTrail => {
  const writers = [...chains.entries()]
  const reads = writers.map(([, entries]) => chainReads(entries))
  return {
    region,
    chains: writers.length,
    read: (filter = {}) => readAcross(reads, filter),
    lastUsage: (keyArn) => lastUsageAcross(reads, keyArn),
    verify: (publicKey: Uint8Array, { anchors: _anchors, ...options }: TrailVerifyOptions = {}) =>
      Effect.sync(() =>
        combineReports(writers.map(([writer, entries]) => [`writer ${writer}`, verifyEntries(entries, publicKey, { region, ...options })] as const))
      ),
    entries: () => Effect.succeed(writers.flatMap(([, entries]) => entries))
  }
}
