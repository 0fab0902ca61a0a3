import type { StoredAuditEntry } from "@trent/audit"

/** One record of an audit topic, as a consumer gets it. */
export interface AuditTopicRecord {
  readonly key: Buffer | string | null
  readonly value: Buffer | string | null
}

/**
 * Each writer's chain from the records of `<prefix>.<region>.audit`, for
 * verifyEntries: records are keyed by writer id and hold a batch of entries
 * (a JSON array), in order. A crash can make a writer publish a batch again;
 * an entry repeated exactly (same seq and hash) is kept once, while any other
 * repeat or gap is left in place for the verifier to report.
 */
export const auditTopicChains = (records: Iterable<AuditTopicRecord>): Map<string, Array<StoredAuditEntry>> => {
  const chains = new Map<string, Array<StoredAuditEntry>>()
  const seen = new Map<string, Set<string>>()
  for (const record of records) {
    if (record.key === null || record.value === null) continue
    const writer = record.key.toString()
    const chain = chains.get(writer) ?? []
    const known = seen.get(writer) ?? new Set<string>()
    chains.set(writer, chain)
    seen.set(writer, known)
    const batch: unknown = JSON.parse(record.value.toString())
    for (const entry of Array.isArray(batch) ? batch as Array<StoredAuditEntry> : []) {
      const identity = `${entry.seq}/${entry.hash}`
      if (known.has(identity)) continue
      known.add(identity)
      chain.push(entry)
    }
  }
  return chains
}
