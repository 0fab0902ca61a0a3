import type { WireError } from "@trent/protocol"

/** The HTTP answer to one KMS request, with its operation and outcome for metrics, logs and audit. */
export interface KmsResponse {
  readonly status: number
  readonly body: string
  /** The operation (or "Unknown") and outcome ("Success" or the AWS error code), for metrics and logs. */
  readonly operation: string
  readonly outcome: string
  /** The AWS error it answered, as the edge made it (for the audit trail). */
  readonly error: WireError | undefined
}

export const success = (operation: string, body: unknown): KmsResponse => ({
  status: 200,
  body: JSON.stringify(body),
  operation,
  outcome: "Success",
  error: undefined
})

export const failure = (operation: string, error: WireError): KmsResponse => ({
  status: error.status,
  body: JSON.stringify(error.message === undefined ? { __type: error.type } : { __type: error.type, message: error.message }),
  operation,
  outcome: error.type,
  error
})
