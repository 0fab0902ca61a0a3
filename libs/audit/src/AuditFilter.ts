import type { StoredAuditRecord } from "./AuditEntry.ts"

/**
 * Which records `read` returns (for `trent audit query`): all conditions
 * hold, records come in seq order, at most `limit` of them.
 */
export interface AuditFilter {
  /** Only records after this seq: pass the last seq of a page to get the next. */
  readonly sinceSeq?: number | undefined
  /** Only records whose resources include this key ARN. */
  readonly keyArn?: string | undefined
  /** Only records of this caller (userIdentity.arn). */
  readonly principalArn?: string | undefined
  readonly eventName?: string | undefined
  /** Only records with since <= eventTime < until, epoch milliseconds (eventTime has whole seconds). */
  readonly since?: number | undefined
  readonly until?: number | undefined
  /** Only failed requests (with an errorCode). */
  readonly errorsOnly?: boolean | undefined
  readonly limit?: number | undefined
}

/** The record's eventTime as epoch milliseconds. */
export const eventTimeMillis = (entry: StoredAuditRecord): number => Date.parse(entry.record.eventTime)

/** Whether a record passes every condition of `filter` but the limit (the memory store's reading; SQLite asks in SQL). */
export const matchesFilter = (filter: AuditFilter) => (entry: StoredAuditRecord): boolean => {
  const { record } = entry
  if (filter.sinceSeq !== undefined && entry.seq <= filter.sinceSeq) return false
  if (filter.keyArn !== undefined && !record.resources.some((resource) => resource.ARN === filter.keyArn)) return false
  if (filter.principalArn !== undefined && record.userIdentity.arn !== filter.principalArn) return false
  if (filter.eventName !== undefined && record.eventName !== filter.eventName) return false
  if (filter.since !== undefined && eventTimeMillis(entry) < filter.since) return false
  if (filter.until !== undefined && eventTimeMillis(entry) >= filter.until) return false
  return filter.errorsOnly !== true || record.errorCode !== undefined
}
