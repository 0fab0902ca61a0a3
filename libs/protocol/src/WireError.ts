/**
 * An error as it goes on the wire (aws-kms-api.md §1.3): the body is
 * `{"__type": type, "message": message}`, or just `{"__type": type}` when
 * `message` is undefined (InvalidCiphertextException, UnknownOperationException
 * and the empty UnsupportedOperationExceptions carry none).
 */
export interface WireError {
  readonly type: string
  readonly status: number
  readonly message: string | undefined
}

/** Malformed JSON, or a member of the wrong JSON type. */
export const serializationError = (message: string): WireError => ({
  type: "SerializationException",
  status: 400,
  message
})

export const validationError = (message: string): WireError => ({ type: "ValidationException", status: 400, message })

/**
 * A missing, malformed or unknown `X-Amz-Target`. AWS answers with the bare
 * type and no message (observed on Coral services), so the target is not echoed.
 */
export const unknownOperation = (_target: string | undefined): WireError => ({
  type: "UnknownOperationException",
  status: 400,
  message: undefined
})

/** A real KMS operation that Trent does not serve yet. */
export const notServed = (operation: string): WireError => ({
  type: "UnsupportedOperationException",
  status: 400,
  message: `Trent does not support ${operation} yet.`
})

/** A request member Trent accepts on the wire but cannot honour (Recipient, XksKeyId, …). */
export const unsupportedMember = (member: string, reason: string): WireError => ({
  type: "UnsupportedOperationException",
  status: 400,
  message: `${member} is not supported: ${reason}`
})
