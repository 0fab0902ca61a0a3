import { randomUUID } from "node:crypto"
import type { Duplex } from "node:stream"
import { HeadersTooLarge, MalformedHttpMessage, RequestTimedOut } from "./EdgeErrors.ts"
import { failure } from "./KmsResponse.ts"
import { errorToWire } from "./WireErrorTable.ts"

/**
 * The answer to a request node:http's parser refuses before any handler sees
 * it (a NUL in a header, `Transfer-Encoding: identity`, bytes after a body
 * without Content-Length, headers too large, too slow): in AWS's JSON 1.1
 * error shape (https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html) rather than node's bare `400 Bad Request`,
 * and then the connection is closed, as RFC 9112 §11.2 advises once a message
 * cannot be framed. What the client sent is never echoed or logged (it may
 * carry a signature); only node's error code, which names the rule broken.
 */
export interface ParserRejection {
  /** The client went away (reset, aborted): nothing to answer. */
  readonly answered: boolean
  readonly status: number
  readonly code: string
}

/** The rule node's error code names, as the error the edge answers (its status and message: WireErrorTable.ts). */
const rejectionOf = (code: string): HeadersTooLarge | RequestTimedOut | MalformedHttpMessage =>
  code === "HPE_HEADER_OVERFLOW"
    ? new HeadersTooLarge()
    : code === "ERR_HTTP_REQUEST_TIMEOUT" || code === "HPE_HEADERS_TIMEOUT"
    ? new RequestTimedOut()
    : new MalformedHttpMessage()

const reasonPhrases: Readonly<Record<number, string>> = { 431: "Request Header Fields Too Large", 408: "Request Timeout" }

/** Answers `socket` for the parser's `error`; the result says what was done, for the log. */
export const answerParserRejection = (error: Error & { readonly code?: string }, socket: Duplex): ParserRejection => {
  const code = error.code ?? "UNKNOWN"
  const response = failure("Unknown", errorToWire(rejectionOf(code)))
  const { status } = response
  if (code === "ECONNRESET" || !socket.writable) {
    socket.destroy()
    return { answered: false, status, code }
  }
  socket.end(
    `HTTP/1.1 ${status} ${reasonPhrases[status] ?? "Bad Request"}\r\n` +
      "Content-Type: application/x-amz-json-1.1\r\n" +
      `Content-Length: ${Buffer.byteLength(response.body)}\r\n` +
      `x-amzn-RequestId: ${randomUUID()}\r\n` +
      `x-amzn-ErrorType: ${response.outcome}\r\n` +
      "Connection: close\r\n\r\n" +
      response.body
  )
  // A client that never reads would hold the half-closed socket (node's HTTP sockets allow half-open ones) forever.
  setTimeout(() => socket.destroy(), 1_000).unref()
  return { answered: true, status, code }
}
