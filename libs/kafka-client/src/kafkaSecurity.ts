import { Redacted } from "effect"
import type { KafkaConfig } from "kafkajs"

/**
 * How a client reaches a secured Kafka cluster: TLS to the brokers, and SASL/SCRAM-SHA-512
 * (RFC 5802's mechanism with SHA-512, as Kafka's KIP-84 names it) to authenticate. Kafka's
 * security protocols follow: TLS alone is SSL, SCRAM alone SASL_PLAINTEXT, both SASL_SSL.
 * The password stays Redacted until kafkajs needs it, so no log line or error prints it.
 */
export interface KafkaSecurity {
  /** Connect over TLS; `ca` is the PEM bundle that issued the brokers' certificates (else the system's CAs). */
  readonly tls?: { readonly ca?: string | undefined } | undefined
  readonly sasl?: { readonly username: string; readonly password: Redacted.Redacted<string> } | undefined
}

/** The kafkajs client settings for `security` (kafkajs's `ssl` and `sasl` options). */
export const kafkaSecurityConfig = (security: KafkaSecurity | undefined): Pick<KafkaConfig, "ssl" | "sasl"> => {
  if (security === undefined) return {}
  const ssl = security.tls === undefined
    ? undefined
    : security.tls.ca === undefined
    ? true
    : { ca: [security.tls.ca], rejectUnauthorized: true }
  const sasl = security.sasl === undefined
    ? undefined
    : { mechanism: "scram-sha-512" as const, username: security.sasl.username, password: Redacted.value(security.sasl.password) }
  return { ...(ssl === undefined ? {} : { ssl }), ...(sasl === undefined ? {} : { sasl }) }
}
