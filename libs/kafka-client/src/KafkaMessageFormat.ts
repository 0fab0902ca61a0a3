/**
 * The wire format of Kafka-driven key operations, shared by Trent's request
 * worker and KafkaKmsClient (libs/kafka-requests/README.md is the
 * reference). A request message carries exactly what an HTTP client would
 * send — the SigV4-signed AWS JSON 1.1 request: its headers as Kafka headers,
 * its body as the value — plus two control headers named `trent-…`. A reply
 * carries the HTTP response: the same JSON body, the status and the error type
 * as headers, and the correlation id.
 */

/** The request's id: unique per logical request, chosen by the client; the reply carries it back. */
export const CORRELATION_ID_HEADER = "trent-correlation-id"
/** The topic the reply goes to. */
export const REPLY_TO_HEADER = "trent-reply-to"
/** The reply's HTTP status, in decimal ("200", "400", "413", "500"). */
export const STATUS_HEADER = "trent-status"
/** Headers of this prefix are Trent's own; every other header of a request is an HTTP header. */
export const CONTROL_HEADER_PREFIX = "trent-"

export const JSON_11 = "application/x-amz-json-1.1"

/** Printable ASCII without spaces, at most 128 characters: a UUID, a ULID, "order-42:retry-1"… */
export const correlationIdPattern = /^[\x21-\x7e]{1,128}$/

/** A Kafka topic name (Kafka's Topic.validate). */
export const topicNamePattern = /^[a-zA-Z0-9._-]{1,249}$/

/** The topic a Region's requests go to: `<prefix>.<region>.requests` ("trent.eu-west-1.requests"). */
export const requestTopicName = (topicPrefix: string, region: string): string => `${topicPrefix}.${region}.requests`

/** The compacted topic where the request worker records what it did, keyed by correlation id. */
export const requestResultsTopicName = (topicPrefix: string, region: string): string => `${topicPrefix}.${region}.request-results`

/**
 * The host a Kafka request signs. SigV4 requires a signed `host` header
 * (Trent refuses a signature without one); over Kafka there is no host, so the
 * client signs the request topic's name, which binds the signature to it.
 */
export const signedHostFor = (requestTopic: string): string => requestTopic

export type HeaderValue = Buffer | string | ReadonlyArray<Buffer | string> | undefined

/** A header as one string: undefined when absent, repeated, or not UTF-8 text. */
export const singleHeader = (headers: Readonly<Record<string, HeaderValue>> | undefined, name: string): string | undefined => {
  const value = headers?.[name]
  if (value === undefined || Array.isArray(value)) return undefined
  return typeof value === "string" ? value : (value as Buffer).toString("utf8")
}
