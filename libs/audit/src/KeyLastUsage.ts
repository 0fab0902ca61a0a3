import { operationSpec, servedOperations } from "@trent/protocol"
import type { StoredAuditRecord } from "./AuditEntry.ts"
import { eventTimeMillis } from "./AuditFilter.ts"

/**
 * The operations that count as using a key for GetKeyLastUsage, as each
 * operation's module declares (`tracksKeyUsage`): successful calls only ("Only
 * the following successful cryptographic operations are tracked", KMS
 * Developer Guide, "Determining past usage of a KMS key"). ReEncrypt counts
 * for both its keys (API_GetKeyLastUsage.html): both are in its resources.
 */
export const keyUsageOperations: ReadonlySet<string> = new Set(
  servedOperations.filter((operation) => operationSpec(operation).tracksKeyUsage === true)
)

/** KeyLastUsageData (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html) plus the Region, as the audit log knows it. */
export interface KeyLastUsage {
  /** Epoch milliseconds, to the second (CloudTrail's eventTime). */
  readonly time: number
  readonly operation: string
  readonly region: string
  /** CloudTrailEventId. */
  readonly eventId: string
  /** KmsRequestId. */
  readonly requestId: string
}

/** Whether the record is a successful use of `keyArn`. */
export const isUsageOf = (keyArn: string) => (entry: StoredAuditRecord): boolean =>
  entry.record.errorCode === undefined &&
  keyUsageOperations.has(entry.record.eventName) &&
  entry.record.resources.some((resource) => resource.ARN === keyArn)

export const keyLastUsageOf = (entry: StoredAuditRecord): KeyLastUsage => ({
  time: eventTimeMillis(entry),
  operation: entry.record.eventName,
  region: entry.record.awsRegion,
  eventId: entry.record.eventID,
  requestId: entry.record.requestID
})
