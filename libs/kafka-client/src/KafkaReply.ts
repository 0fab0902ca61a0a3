import { CORRELATION_ID_HEADER, type HeaderValue, singleHeader, STATUS_HEADER } from "./KafkaMessageFormat.ts"

/** A reply as Trent writes it and the client reads it: the HTTP response of one request. */
export interface KafkaReply {
  /** The request's correlation id; undefined only when the request had none (a malformed request). */
  readonly correlationId: string | undefined
  /** The HTTP status the same request would have had: 200, or the error's (400, 413, 500). */
  readonly status: number
  /** The response body, byte for byte what HTTP would send: the result's JSON, or `{"__type","message"}`. */
  readonly body: string
}

/** The error type of a reply's body (`__type`), as HTTP sends it in `x-amzn-ErrorType`. */
const errorTypeOf = (body: string): string | undefined => {
  try {
    const type = (JSON.parse(body) as { readonly __type?: unknown }).__type
    return typeof type === "string" ? type : undefined
  } catch {
    return undefined
  }
}

/**
 * The Kafka message of a reply: keyed by correlation id, the body as value, the status, the
 * correlation id and (for an error) `x-amzn-errortype` as headers — the least a reply needs, as
 * every header costs encoding on both sides.
 */
export const encodeReply = (reply: KafkaReply): { key: string | null; value: string; headers: Record<string, string> } => {
  const headers: Record<string, string> = { [STATUS_HEADER]: String(reply.status) }
  if (reply.correlationId !== undefined) headers[CORRELATION_ID_HEADER] = reply.correlationId
  const errorType = reply.status === 200 ? undefined : errorTypeOf(reply.body)
  if (errorType !== undefined) headers["x-amzn-errortype"] = errorType
  return { key: reply.correlationId ?? null, value: reply.body, headers }
}

/** Reads a reply message; undefined when it is not one (no status, no body). */
export const decodeReply = (message: {
  readonly value: Buffer | null
  readonly headers?: Readonly<Record<string, HeaderValue>> | undefined
}): KafkaReply | undefined => {
  const status = Number(singleHeader(message.headers, STATUS_HEADER))
  if (!Number.isInteger(status) || message.value === null) return undefined
  return { correlationId: singleHeader(message.headers, CORRELATION_ID_HEADER), status, body: message.value.toString("utf8") }
}
