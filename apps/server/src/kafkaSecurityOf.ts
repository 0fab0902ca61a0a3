import type { KafkaSecurity } from "@trent/kafka-client"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import type { SecuritySettings } from "./SecuritySettings.ts"

/**
 * The Kafka clients' TLS and SASL from the server's settings (`--kafka-tls`, `--kafka-tls-ca`,
 * `--kafka-sasl-username` with TRENT_KAFKA_SASL_PASSWORD), the CA read once at start. A CA that
 * cannot be read fails the start with its path and errno, never its contents.
 */
export const kafkaSecurityOf = (settings: SecuritySettings): Effect.Effect<KafkaSecurity | undefined, Error> =>
  Effect.try({
    try: () => {
      const tls = settings.kafkaTls || settings.kafkaTlsCa !== undefined
        ? { ca: settings.kafkaTlsCa === undefined ? undefined : readFileSync(settings.kafkaTlsCa, "utf8") }
        : undefined
      const sasl = settings.kafkaSaslUsername === undefined || settings.kafkaSaslPassword === undefined
        ? undefined
        : { username: settings.kafkaSaslUsername, password: settings.kafkaSaslPassword }
      return tls === undefined && sasl === undefined ? undefined : { tls, sasl }
    },
    catch: (error) =>
      new Error(`cannot read the Kafka TLS CA ${settings.kafkaTlsCa}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`)
  })
