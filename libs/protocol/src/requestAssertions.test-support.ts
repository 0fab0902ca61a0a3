import { Result } from "effect"
import { expect } from "vitest"
import { decodeRequest } from "./decodeRequest.ts"
import type { RequestOf, ServedOperation } from "./ServedOperation.ts"
import { encodeBase64 } from "./StrictBase64.ts"
import type { WireError } from "./WireError.ts"

/** Assertions shared by the request tests: what a body decodes to, or the exact wire error. */
export const decoded = <Op extends ServedOperation>(operation: Op, body: unknown): RequestOf<Op> => {
  const result = decodeRequest(operation, body)
  if (Result.isFailure(result)) throw new Error(`${operation} refused ${JSON.stringify(body)}: ${JSON.stringify(result.failure)}`)
  return result.success
}

export const refused = (operation: ServedOperation, body: unknown): WireError => {
  const result = decodeRequest(operation, body)
  if (Result.isSuccess(result)) throw new Error(`${operation} accepted ${JSON.stringify(body)}`)
  return result.failure
}

/** One clause of a ValidationException: `null` for a missing member, `undefined` for a hidden value. */
export const clause = (value: string | null | undefined, path: string, rule: string): string => {
  const shownValue = value === null ? "Value null" : value === undefined ? "Value" : `Value '${value}'`
  return `${shownValue} at '${path}' failed to satisfy constraint: Member must ${rule}`
}

export const validation = (...clauses: ReadonlyArray<string>): WireError => ({
  type: "ValidationException",
  status: 400,
  message: `${clauses.length} validation error${clauses.length === 1 ? "" : "s"} detected: ${clauses.join("; ")}`
})

export const expectValidation = (operation: ServedOperation, body: unknown, ...clauses: ReadonlyArray<string>): void => {
  expect(refused(operation, body)).toEqual(validation(...clauses))
}

export const expectSerialization = (operation: ServedOperation, body: unknown, message?: string): void => {
  const error = refused(operation, body)
  expect(error.type).toBe("SerializationException")
  expect(error.status).toBe(400)
  if (message !== undefined) expect(error.message).toBe(message)
}

export const expectUnsupported = (operation: ServedOperation, body: unknown, message: string): void => {
  expect(refused(operation, body)).toEqual({ type: "UnsupportedOperationException", status: 400, message })
}

/** Base64 of `n` zero bytes: a blob of exactly that decoded size. */
export const blobOfSize = (n: number): string => encodeBase64(new Uint8Array(n))
