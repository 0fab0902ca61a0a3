import { InvalidRequest, UnsupportedOperation } from "@trent/domain"
import { coreErrorTable, type CoreError, errorToWireWith } from "./ErrorTable.ts"
import { SerializationFailure } from "./ProtocolErrors.ts"

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

/** The core libraries' errors on the wire (the server maps the rest: ErrorTable.ts). */
const coreErrorToWire = errorToWireWith<CoreError>(coreErrorTable)

/** Malformed JSON, or a member of the wrong JSON type. */
export const serializationError = (message: string): WireError => coreErrorToWire(new SerializationFailure({ message }))

export const validationError = (message: string): WireError => coreErrorToWire(new InvalidRequest({ message }))

/** A request member Trent accepts on the wire but cannot honour (Recipient, XksKeyId, …). */
export const unsupportedMember = (member: string, reason: string): WireError =>
  coreErrorToWire(new UnsupportedOperation({ message: `${member} is not supported: ${reason}` }))
