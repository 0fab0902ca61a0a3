import { DEFAULT_ACCOUNT_ID } from "@trent/auth"
import { accountTopicPrefix } from "@trent/event-log-kafka"
import type { KafkaSecurity } from "@trent/kafka-client"
import { defaultSecuritySettings, kafkaSecurityOf, securityProblem } from "@trent/server"
import { Config, Effect, Option } from "effect"
import { OperationFailed, UsageError } from "../cli/CliFailure.ts"
import { brokersOf, kafkaSaslPassword, type StoreInput } from "./storeFlags.ts"

/** Where a Region's topics are and how to reach them: what every offline command on the Kafka store needs. */
export interface KafkaStore {
  readonly brokers: ReadonlyArray<string>
  readonly region: string
  /** The account's topic prefix (accountTopicPrefix): `<prefix>.<region>.events` and `.audit` are its topics. */
  readonly topicPrefix: string
  readonly security: KafkaSecurity | undefined
}

/** The server's default account (TRENT_ACCOUNT_ID), whose topics carry no account in their names. */
const defaultAccount = Config.String("TRENT_ACCOUNT_ID").pipe(Config.withDefault(DEFAULT_ACCOUNT_ID))

/**
 * The store flags as the server reads them: brokers are required, and TLS and SASL are resolved by
 * the server's own rules (securityProblem, kafkaSecurityOf), so the CLI reaches a cluster exactly as
 * a server configured with the same flags and variables does.
 */
export const kafkaStoreOf = (
  input: StoreInput,
  region: string,
  account: string | undefined
): Effect.Effect<KafkaStore, UsageError | OperationFailed | Config.ConfigError> =>
  Effect.gen(function*() {
    const brokers = brokersOf(input)
    if (brokers.length === 0) {
      return yield* new UsageError({ message: "--store kafka needs --kafka-brokers host:port (or TRENT_KAFKA_BROKERS)" })
    }
    const settings = {
      ...defaultSecuritySettings,
      kafkaTls: input.kafkaTls,
      kafkaTlsCa: Option.getOrUndefined(input.kafkaTlsCa),
      kafkaSaslUsername: Option.getOrUndefined(input.kafkaSaslUsername),
      kafkaSaslPassword: Option.getOrUndefined(yield* kafkaSaslPassword)
    }
    const problem = securityProblem(settings)
    if (problem !== undefined) return yield* new UsageError({ message: problem })
    const security = yield* kafkaSecurityOf(settings).pipe(
      Effect.mapError((error) => new OperationFailed({ message: error.message, cause: error }))
    )
    const fallback = yield* defaultAccount
    return { brokers, region, topicPrefix: accountTopicPrefix(input.kafkaTopicPrefix, fallback, account ?? fallback), security }
  })
