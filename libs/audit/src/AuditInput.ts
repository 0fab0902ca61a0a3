import type { AuditIdentityType } from "./AuditRecord.ts"

/** Who made the request, as the edge authenticated it. */
export interface AuditPrincipal {
  /** "Unknown" (with empty fields) when the request's signature did not verify. */
  readonly type: AuditIdentityType
  readonly principalId: string
  readonly arn: string
  readonly accountId: string
  readonly accessKeyId: string
}

/** The error a request ended with: the AWS `__type` the edge answered and its message. */
export interface AuditError {
  readonly code: string
  readonly message?: string | undefined
}

/**
 * Everything the server knows about one finished request, in its own terms:
 * the decoded request and the Region's result as they are, secrets included.
 * `auditRecordOf` keeps only what the allow-list names; nothing here is
 * written as given.
 */
export interface AuditInput {
  /** When the request completed, epoch milliseconds. */
  readonly time: number
  /** The KMS operation name ("Encrypt"); an unknown target is recorded under the name it came with. */
  readonly operation: string
  readonly region: string
  /** The caller's address; absent for requests Trent issues itself (schedulers). */
  readonly sourceIp?: string | undefined
  readonly userAgent?: string | undefined
  readonly principal: AuditPrincipal
  /** The decoded request in camelCase, as the server has it (may hold Uint8Array and secrets). */
  readonly request: unknown
  /** The Region's result (may hold SecretBytes and Uint8Array); undefined for operations that answer `{}` and for errors. */
  readonly response?: unknown
  readonly error?: AuditError | undefined
  readonly requestId: string
  /** A UUID, unique per record (CloudTrail's eventID). */
  readonly eventId: string
  /** ARNs of the keys the request used (both keys for ReEncrypt); empty when none was resolved. */
  readonly resources: ReadonlyArray<string>
}
