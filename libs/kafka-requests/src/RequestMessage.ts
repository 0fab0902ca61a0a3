import type { HttpRequestParts } from "@trent/auth"
import { CONTROL_HEADER_PREFIX, CORRELATION_ID_HEADER, correlationIdPattern, type HeaderValue, REPLY_TO_HEADER, singleHeader, topicNamePattern } from "@trent/kafka-client"
import { type CoreError, coreErrorTable, errorToWireWith, SerializationFailure, type WireError } from "@trent/protocol"

/** The core errors' wire forms: the entries the server's table (apps/server's WireErrorTable.ts) starts from. */
const coreErrorToWire = errorToWireWith<CoreError>(coreErrorTable)

/** A request message as kafkajs hands it over. */
export interface IncomingMessage {
  readonly value: Buffer | null
  readonly headers?: Readonly<Record<string, HeaderValue>> | undefined
}

/** Why a message got no reply: there was nowhere to send one. */
export type DropReason = "no-reply-topic"

export type ParsedMessage =
  /** A request to run: the HTTP request it carries, and where its answer goes. */
  | { readonly _tag: "Request"; readonly correlationId: string; readonly replyTo: string; readonly http: HttpRequestParts }
  /** Not a request Trent can run, but one it can answer: the error goes to its reply topic. */
  | { readonly _tag: "Refused"; readonly correlationId: string | undefined; readonly replyTo: string; readonly error: WireError }
  /** Nothing to run and nowhere to answer: counted and logged. */
  | { readonly _tag: "Dropped"; readonly reason: DropReason }

const httpHeaders = (headers: Readonly<Record<string, HeaderValue>>): HttpRequestParts["headers"] => {
  const http: Record<string, string | ReadonlyArray<string>> = {}
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase()
    if (value === undefined || lower.startsWith(CONTROL_HEADER_PREFIX)) continue
    http[lower] = Array.isArray(value)
      ? (value as ReadonlyArray<Buffer | string>).map((part) => part.toString())
      : (value as Buffer | string).toString()
  }
  return http
}

/** The request's `X-Amz-Target`, whatever the case of the header's name (HTTP header names are case-insensitive). */
export const targetOf = (message: IncomingMessage): string | undefined => {
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (name.toLowerCase() === "x-amz-target") return value === undefined || Array.isArray(value) ? undefined : (value as Buffer | string).toString()
  }
  return undefined
}

/**
 * Reads a request message (README.md, "Request message"): the
 * reply topic and correlation id from the `trent-*` headers, every other
 * header as an HTTP header, the value as the body of `POST /`. A body over
 * `maxBodyBytes` is refused with `bodyTooLarge` (the server's: 413, as HTTP
 * refuses it), before any other check.
 */
export const parseRequestMessage = (
  message: IncomingMessage,
  maxBodyBytes: number,
  bodyTooLarge: (maxBodyBytes: number) => WireError
): ParsedMessage => {
  const replyTo = singleHeader(message.headers, REPLY_TO_HEADER)
  if (replyTo === undefined || !topicNamePattern.test(replyTo)) return { _tag: "Dropped", reason: "no-reply-topic" }
  const header = singleHeader(message.headers, CORRELATION_ID_HEADER)
  const correlationId = header !== undefined && correlationIdPattern.test(header) ? header : undefined
  const body = message.value ?? Buffer.alloc(0)
  if (body.length > maxBodyBytes) {
    return { _tag: "Refused", correlationId, replyTo, error: bodyTooLarge(maxBodyBytes) }
  }
  if (correlationId === undefined) {
    return {
      _tag: "Refused",
      correlationId,
      replyTo,
      error: coreErrorToWire(
        new SerializationFailure({ message: `The request message needs a ${CORRELATION_ID_HEADER} header of 1 to 128 printable ASCII characters.` })
      )
    }
  }
  return {
    _tag: "Request",
    correlationId,
    replyTo,
    http: { method: "POST", path: "/", query: "", headers: httpHeaders(message.headers ?? {}), body }
  }
}
