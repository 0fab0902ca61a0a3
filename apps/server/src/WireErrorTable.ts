import type * as audit from "@trent/audit"
import type * as auth from "@trent/auth"
import type * as eventLog from "@trent/event-log"
import type * as eventLogKafka from "@trent/event-log-kafka"
import type * as kafkaClient from "@trent/kafka-client"
import type * as kafkaRequests from "@trent/kafka-requests"
import type * as policy from "@trent/policy"
import {
  client,
  type CoreError,
  coreErrorTable,
  type ErrorTableOf,
  errorToWireWith,
  fault,
  type TaggedErrorsOf
} from "@trent/protocol"
import type * as runtime from "@trent/runtime"
import type * as edge from "./EdgeErrors.ts"

/**
 * Every tagged error that any library the server is built from exports, and
 * the edge's own (EdgeErrors.ts). The table's exhaustive check lives here,
 * at the app edge, because only the app sees every library: @trent/protocol
 * is a pure core library that may import crypto, domain and policy alone, so
 * it holds the core entries (`coreErrorTable`, checked there against the core
 * libraries' exports) and the Entry helpers, and this file adds the I/O
 * libraries' and the edge's under the same check. A tagged error class
 * exported by any of these libraries without an entry below does not compile.
 */
export type WireMappedError =
  | CoreError
  | TaggedErrorsOf<typeof policy>
  | TaggedErrorsOf<typeof runtime>
  | TaggedErrorsOf<typeof auth>
  | TaggedErrorsOf<typeof audit>
  | TaggedErrorsOf<typeof eventLog>
  | TaggedErrorsOf<typeof eventLogKafka>
  | TaggedErrorsOf<typeof kafkaClient>
  | TaggedErrorsOf<typeof kafkaRequests>
  | TaggedErrorsOf<typeof edge>

/**
 * THE table from error tags to AWS `__type` and HTTP status
 * (https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html).
 */
export const wireErrorTable = {
  ...coreErrorTable,
  // @trent/runtime (RegionErrors.ts). AccessDenied's message names principal, action and resource only.
  AccessDenied: client("AccessDeniedException"),
  // The detail is for the log only.
  RegionInternalError: fault("KMSInternalException"),
  // @trent/auth: tags are the AWS names (https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html).
  MissingAuthenticationTokenException: client("MissingAuthenticationTokenException"),
  IncompleteSignatureException: client("IncompleteSignatureException"),
  InvalidSignatureException: client("InvalidSignatureException"),
  UnrecognizedClientException: client("UnrecognizedClientException"),
  // A trail that cannot record fails the request (issue #7); its detail is logged.
  AuditLogFailure: fault("KMSInternalException"),
  // Failures of the server's own machinery, which the Region turns into RegionInternalError or which
  // stop the server before it serves: should one ever reach a caller, it is a fault, its detail hidden.
  RewrapRefused: fault("KMSInternalException"),
  MissingRequestContext: fault("KMSInternalException"),
  CredentialsConfigError: fault("KMSInternalException"),
  InvalidAuditSigningKey: fault("KMSInternalException"),
  EventLogFailure: fault("KMSInternalException"),
  RootKeyError: fault("KMSInternalException"),
  SeqConflict: fault("KMSInternalException"),
  InvalidEventLogInput: fault("KMSInternalException"),
  // @trent/kafka-client is a caller's client: its errors are what a caller sees, never what Trent answers.
  KmsErrorReply: fault("KMSInternalException"),
  KafkaKmsTimeout: fault("KMSInternalException"),
  KafkaKmsFailure: fault("KMSInternalException"),
  // The edge (EdgeErrors.ts).
  RegionNotHosted: client("UnrecognizedClientException"),
  RequestBodyTooLarge: client("SerializationException", "own", 413),
  UnknownPath: client("UnknownOperationException", "none", 404),
  MalformedHttpMessage: { type: "SerializationException", status: 400, message: { fixed: "The request is not a valid HTTP/1.1 message." } },
  HeadersTooLarge: { type: "SerializationException", status: 431, message: { fixed: "The request's headers are too large." } },
  RequestTimedOut: { type: "SerializationException", status: 408, message: { fixed: "The request was not received in time." } },
  XksOnlyKey: client("KMSInvalidStateException"),
  RequestDefect: fault("KMSInternalException"),
  EdgeFailure: fault("KMSInternalException", "Internal failure.")
} as const satisfies ErrorTableOf<WireMappedError>

/** Maps a tagged error to its wire form. */
export const errorToWire = errorToWireWith<WireMappedError>(wireErrorTable)
