import { Redacted, Schema } from "effect"
import { defaultConnectionLimits } from "./EdgeServer.ts"

/**
 * The settings of issue #15's hardening — TLS on the edge, connection limits,
 * TLS and SASL to Kafka — kept in their own block of the server's settings.
 * Paths only: certificates and keys are read when the server starts, and the
 * SASL password is held as `Redacted`, so no setting ever prints a secret.
 */
export interface SecuritySettings {
  /** PEM certificate chain and private key: with both, the edge serves HTTPS only. */
  readonly tlsCert: string | undefined
  readonly tlsKey: string | undefined
  /** PEM CA bundle: clients must then present a certificate it issued (a second factor beside SigV4). */
  readonly tlsClientCa: string | undefined
  /** Open connections at most; at the cap the longest-idle one is closed for a new one. Keep it well below `ulimit -n`. */
  readonly maxConnections: number
  /** Time from a connection (or the previous request) to a request's complete headers. */
  readonly headersTimeoutMs: number
  /** Time for a whole request, headers and body. */
  readonly requestTimeoutMs: number
  /** How long a keep-alive connection may sit idle between requests. */
  readonly keepAliveTimeoutMs: number
  /** Connect to the brokers over TLS; `kafkaTlsCa` is the PEM CA that issued their certificates (else the system's). */
  readonly kafkaTls: boolean
  readonly kafkaTlsCa: string | undefined
  /** SASL/SCRAM-SHA-512 (RFC 5802, RFC 7677's mechanism with SHA-512) when a user is set. */
  readonly kafkaSaslUsername: string | undefined
  readonly kafkaSaslPassword: Redacted.Redacted<string> | undefined
  /** The Regions' root key: a `pkcs11:` URI (RFC 7512) for one in an HSM; unset or "file" for root.key / TRENT_ROOT_KEY(_FILE). */
  readonly rootKey: string | undefined
}

export const defaultSecuritySettings: SecuritySettings = {
  tlsCert: undefined,
  tlsKey: undefined,
  tlsClientCa: undefined,
  ...defaultConnectionLimits,
  kafkaTls: false,
  kafkaTlsCa: undefined,
  kafkaSaslUsername: undefined,
  kafkaSaslPassword: undefined,
  rootKey: undefined
}

const milliseconds = Schema.Int.check(Schema.isBetween({ minimum: 100, maximum: 600_000 }))

/** The block's members of the server's partial settings schema (file, environment, flags). */
export const securitySettingsFields = {
  tlsCert: Schema.optional(Schema.String),
  tlsKey: Schema.optional(Schema.String),
  tlsClientCa: Schema.optional(Schema.String),
  maxConnections: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 1_000_000 }))),
  headersTimeoutMs: Schema.optional(milliseconds),
  requestTimeoutMs: Schema.optional(milliseconds),
  keepAliveTimeoutMs: Schema.optional(milliseconds),
  kafkaTls: Schema.optional(Schema.Boolean),
  kafkaTlsCa: Schema.optional(Schema.String),
  kafkaSaslUsername: Schema.optional(Schema.String),
  kafkaSaslPassword: Schema.optional(Schema.RedactedFromValue(Schema.String)),
  rootKey: Schema.optional(Schema.String)
}

type Parse = "string" | "number" | "boolean"

/** Flag → setting; a boolean flag takes no value. The SASL password has no flag: a command line is visible to every user. */
export const securityFlags: Record<string, readonly [keyof SecuritySettings, Parse]> = {
  "--tls-cert": ["tlsCert", "string"],
  "--tls-key": ["tlsKey", "string"],
  "--tls-client-ca": ["tlsClientCa", "string"],
  "--max-connections": ["maxConnections", "number"],
  "--headers-timeout-ms": ["headersTimeoutMs", "number"],
  "--request-timeout-ms": ["requestTimeoutMs", "number"],
  "--keep-alive-timeout-ms": ["keepAliveTimeoutMs", "number"],
  "--kafka-tls": ["kafkaTls", "boolean"],
  "--kafka-tls-ca": ["kafkaTlsCa", "string"],
  "--kafka-sasl-username": ["kafkaSaslUsername", "string"],
  "--root-key": ["rootKey", "string"]
}

/** The block's TRENT_* variables, raw (ServerConfig converts and decodes them). */
export const securityFromEnv = (env: Record<string, string | undefined>) => ({
  tlsCert: env["TRENT_TLS_CERT"],
  tlsKey: env["TRENT_TLS_KEY"],
  tlsClientCa: env["TRENT_TLS_CLIENT_CA"],
  maxConnections: env["TRENT_MAX_CONNECTIONS"],
  headersTimeoutMs: env["TRENT_HEADERS_TIMEOUT_MS"],
  requestTimeoutMs: env["TRENT_REQUEST_TIMEOUT_MS"],
  keepAliveTimeoutMs: env["TRENT_KEEP_ALIVE_TIMEOUT_MS"],
  kafkaTls: env["TRENT_KAFKA_TLS"],
  kafkaTlsCa: env["TRENT_KAFKA_TLS_CA"],
  kafkaSaslUsername: env["TRENT_KAFKA_SASL_USERNAME"],
  kafkaSaslPassword: env["TRENT_KAFKA_SASL_PASSWORD"],
  rootKey: env["TRENT_ROOT_KEY_SOURCE"]
})

/** What no single source can check: settings that only make sense together. Undefined when they agree. */
export const securityProblem = (settings: SecuritySettings): string | undefined => {
  if ((settings.tlsCert === undefined) !== (settings.tlsKey === undefined)) return "--tls-cert and --tls-key go together"
  if (settings.tlsClientCa !== undefined && settings.tlsCert === undefined) return "--tls-client-ca needs --tls-cert and --tls-key"
  if (settings.headersTimeoutMs > settings.requestTimeoutMs) return "--headers-timeout-ms cannot exceed --request-timeout-ms"
  if ((settings.kafkaSaslUsername === undefined) !== (settings.kafkaSaslPassword === undefined)) {
    return "SASL to Kafka needs both --kafka-sasl-username and TRENT_KAFKA_SASL_PASSWORD"
  }
  return undefined
}
