import type { AuditRecord } from "./AuditRecord.ts"

/**
 * The query-index columns a store keeps beside a record (SQLite's
 * `audit_entries` columns and `audit_resources` rows): derived from the
 * record alone, so that a verifier can derive them again and catch an index
 * edited to make `audit query` miss or misname a record.
 */
export interface AuditIndex {
  readonly eventTime: number | null
  readonly eventName: string | null
  readonly principalArn: string | null
  readonly errorCode: string | null
  /** Key ARNs, each once, sorted (ReEncrypt may name one key twice). */
  readonly resources: ReadonlyArray<string>
}

export const auditIndexOf = (record: AuditRecord | undefined): AuditIndex => ({
  eventTime: record === undefined ? null : Date.parse(record.eventTime),
  eventName: record?.eventName ?? null,
  principalArn: record?.userIdentity.arn ?? null,
  errorCode: record?.errorCode ?? null,
  resources: [...new Set(record?.resources.map((resource) => resource.ARN) ?? [])].sort()
})

const columns = ["eventTime", "eventName", "principalArn", "errorCode"] as const

/**
 * The first index column of `stored` that `record` (already proven by its
 * hash) does not give, or undefined when the index is the record's. A record
 * that does not decode gives nothing to compare; the chain check reports it.
 */
export const indexMismatch = (stored: unknown, record: AuditRecord | undefined): string | undefined => {
  if (typeof stored !== "object" || stored === null) return "its index is missing"
  const expected = auditIndexOf(record)
  const given = stored as Record<string, unknown>
  for (const column of columns) {
    if (given[column] !== expected[column]) return `its index column ${column} does not match the record`
  }
  const resources = given["resources"]
  const sorted = Array.isArray(resources) ? [...resources].map(String).sort() : undefined
  if (sorted === undefined || sorted.join("\n") !== expected.resources.join("\n")) return "its indexed keys do not match the record's resources"
  return undefined
}
