import { Config, Option, type Redacted } from "effect"
import { Flag } from "effect/cli"

/**
 * Which store the offline commands read, with the server's own flags and variables (README,
 * "Configuration"): the embedded store's files under --data-dir, or the Kafka topics, reached
 * with the server's TLS and SASL settings. As on the server, the SASL password has no flag (a
 * command line is visible to every user): it is TRENT_KAFKA_SASL_PASSWORD.
 */
export const storeFlags = {
  store: Flag.Literals("store", ["embedded", "kafka"]).pipe(
    Flag.withDescription("The server's store: embedded (the files under --data-dir) or kafka (the topics; or TRENT_STORE)"),
    Flag.withFallbackConfig(Config.Literals(["embedded", "kafka"], "TRENT_STORE")),
    Flag.withDefault("embedded" as const)
  ),
  kafkaBrokers: Flag.String("kafka-brokers").pipe(
    Flag.withDescription("With --store kafka: host:port[,host:port…] of the cluster (or TRENT_KAFKA_BROKERS)"),
    Flag.withFallbackConfig(Config.String("TRENT_KAFKA_BROKERS")),
    Flag.optional
  ),
  kafkaTopicPrefix: Flag.String("kafka-topic-prefix").pipe(
    Flag.withDescription("With --store kafka: the topics are <prefix>.<region>.events and .audit (or TRENT_KAFKA_TOPIC_PREFIX)"),
    Flag.withFallbackConfig(Config.String("TRENT_KAFKA_TOPIC_PREFIX")),
    Flag.withDefault("trent")
  ),
  kafkaTls: Flag.Boolean("kafka-tls").pipe(
    Flag.withDescription("With --store kafka: connect to the brokers over TLS (or TRENT_KAFKA_TLS)"),
    Flag.withFallbackConfig(Config.Boolean("TRENT_KAFKA_TLS")),
    Flag.withDefault(false)
  ),
  kafkaTlsCa: Flag.String("kafka-tls-ca").pipe(
    Flag.withDescription("With --store kafka: the PEM CA of the brokers' certificates; implies --kafka-tls (or TRENT_KAFKA_TLS_CA)"),
    Flag.withFallbackConfig(Config.String("TRENT_KAFKA_TLS_CA")),
    Flag.optional
  ),
  kafkaSaslUsername: Flag.String("kafka-sasl-username").pipe(
    Flag.withDescription("With --store kafka: SASL/SCRAM-SHA-512 user; the password is TRENT_KAFKA_SASL_PASSWORD (or TRENT_KAFKA_SASL_USERNAME)"),
    Flag.withFallbackConfig(Config.String("TRENT_KAFKA_SASL_USERNAME")),
    Flag.optional
  )
}

export interface StoreInput {
  readonly store: "embedded" | "kafka"
  readonly kafkaBrokers: Option.Option<string>
  readonly kafkaTopicPrefix: string
  readonly kafkaTls: boolean
  readonly kafkaTlsCa: Option.Option<string>
  readonly kafkaSaslUsername: Option.Option<string>
}

/** TRENT_KAFKA_SASL_PASSWORD, the server's own variable: read only when a SASL user is set. */
export const kafkaSaslPassword: Config.Config<Option.Option<Redacted.Redacted<string>>> = Config.option(
  Config.Redacted("TRENT_KAFKA_SASL_PASSWORD")
)

/** The brokers of --kafka-brokers, split; none when the flag is absent. */
export const brokersOf = (input: StoreInput): ReadonlyArray<string> =>
  Option.match(input.kafkaBrokers, {
    onNone: () => [],
    onSome: (list) => list.split(",").map((broker) => broker.trim()).filter((broker) => broker !== "")
  })
