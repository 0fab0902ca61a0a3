import { availableParallelism } from "node:os"
import { DEFAULT_ACCOUNT_ID } from "@trent/auth"
import { Schema } from "effect"
import {
  defaultSecuritySettings,
  securityFlags,
  securityFromEnv,
  securityProblem,
  type SecuritySettings,
  securitySettingsFields
} from "./SecuritySettings.ts"
import { ConfigError } from "./config/ConfigError.ts"
import { readConfigFile } from "./config/configFile.ts"
import { flag, fromText, list, logLevel, number, type ValueKind } from "./config/settingValues.ts"

export { ConfigError } from "./config/ConfigError.ts"

/**
 * The server's settings, from (lowest to highest precedence) a JSON config
 * file, TRENT_* environment variables and command-line flags.
 */
export interface ServerSettings extends SecuritySettings {
  readonly host: string
  readonly port: number
  readonly dataDir: string
  readonly regions: ReadonlyArray<string>
  readonly accountId: string
  readonly logLevel: "Trace" | "Debug" | "Info" | "Warn" | "Error" | "None"
  readonly devMode: boolean
  readonly acceptSessionTokens: boolean
  readonly credentialsConfig: string | undefined
  readonly maxBodyBytes: number
  /** Where key state lives: `embedded` (SQLite files in dataDir) or `kafka` (topics per Region). */
  readonly store: "embedded" | "kafka"
  readonly kafkaBrokers: ReadonlyArray<string>
  /** Topics are `<prefix>.<region>.events` and `<prefix>.<region>.keyvault`. */
  readonly kafkaTopicPrefix: string
  /** Record every request in its Region's audit trail (default). Off only for benchmarks that compare the cost. */
  readonly audit: boolean
  /** Also serve key operations sent as Kafka messages to `<prefix>.<region>.requests` (libs/kafka-requests/README.md). */
  readonly kafkaRequests: boolean
  /** Accounts besides the default one whose request topics (`<prefix>.<account>.<region>.requests`) are consumed too. */
  readonly kafkaRequestAccounts: ReadonlyArray<string>
  /** Processes serving the port (node:cluster), each on the same store; 1 is one process. Default: the CPUs. */
  readonly workers: number
  // Operating it (issue #16): seed file, readiness, request logs.
  /** A seed file (YAML or JSON) applied at every start: keys with fixed ids, aliases, policies, tags (seed/README.md). */
  readonly seedFile: string | undefined
  /** `/health/ready` is false while a Region's replica lags other writers by more than this (p99, milliseconds). */
  readonly readyMaxLagMs: number
  /** How long `/health` waits for a Region's store to answer before calling it not ready (milliseconds). */
  readonly readyTimeoutMs: number
  /** The share of requests logged at Info (1 = every request, 0 = none); errors are always logged. */
  readonly requestLogSample: number
  /** The XKS proxy's key stores (a JSON file, xks/XksConfig.ts); absent: no XKS surface. */
  readonly xksConfig: string | undefined
}

export const DEFAULT_PORT = 7400

/** What a server runs with when no file, variable or flag says otherwise. */
export const defaultServerSettings: ServerSettings = {
  host: "127.0.0.1",
  port: DEFAULT_PORT,
  dataDir: "./data",
  regions: ["us-east-1"],
  // One default account everywhere: the one libs/auth gives dev mode and first-start credentials.
  accountId: DEFAULT_ACCOUNT_ID,
  logLevel: "Info",
  devMode: false,
  acceptSessionTokens: false,
  credentialsConfig: undefined,
  // Room for the largest request the model allows (a 131072-character policy, JSON-escaped).
  maxBodyBytes: 1024 * 1024,
  store: "embedded",
  kafkaBrokers: [],
  kafkaTopicPrefix: "trent",
  audit: true,
  kafkaRequests: false,
  kafkaRequestAccounts: [],
  workers: availableParallelism(),
  // Issue #15: TLS, connection limits, Kafka TLS and SASL (SecuritySettings.ts).
  ...defaultSecuritySettings,
  // Operating it (issue #16).
  seedFile: undefined,
  readyMaxLagMs: 5_000,
  readyTimeoutMs: 2_000,
  requestLogSample: 1,
  xksConfig: undefined
}

const LogLevel = Schema.Literals(["Trace", "Debug", "Info", "Warn", "Error", "None"])
const regionPattern = /^([a-z]+-){2,3}\d+$/

/** Everything optional and in its final type; each source is parsed into this, then merged. */
const PartialSettings = Schema.Struct({
  host: Schema.optional(Schema.String),
  port: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 65535 }))),
  dataDir: Schema.optional(Schema.String),
  regions: Schema.optional(Schema.Array(Schema.String.check(Schema.isPattern(regionPattern))).check(Schema.isMinLength(1))),
  accountId: Schema.optional(Schema.String.check(Schema.isPattern(/^\d{12}$/))),
  logLevel: Schema.optional(LogLevel),
  devMode: Schema.optional(Schema.Boolean),
  acceptSessionTokens: Schema.optional(Schema.Boolean),
  credentialsConfig: Schema.optional(Schema.String),
  maxBodyBytes: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1024, maximum: 64 * 1024 * 1024 }))),
  store: Schema.optional(Schema.Literals(["embedded", "kafka"])),
  kafkaBrokers: Schema.optional(Schema.Array(Schema.String.check(Schema.isPattern(/^[^\s:,]+:\d+$/))).check(Schema.isMinLength(1))),
  kafkaTopicPrefix: Schema.optional(Schema.String.check(Schema.isPattern(/^[a-zA-Z0-9._-]{1,100}$/))),
  audit: Schema.optional(Schema.Boolean),
  kafkaRequests: Schema.optional(Schema.Boolean),
  kafkaRequestAccounts: Schema.optional(Schema.Array(Schema.String.check(Schema.isPattern(/^\d{12}$/)))),
  workers: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 256 }))),
  // Issue #15's block.
  ...securitySettingsFields,
  // Operating it (issue #16).
  seedFile: Schema.optional(Schema.String),
  readyMaxLagMs: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 86_400_000 }))),
  readyTimeoutMs: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 10, maximum: 60_000 }))),
  requestLogSample: Schema.optional(Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 1 }))),
  xksConfig: Schema.optional(Schema.String)
})
type PartialSettings = typeof PartialSettings.Type

const decode = (source: string, raw: Record<string, unknown>): PartialSettings => {
  try {
    return Schema.decodeUnknownSync(PartialSettings)(raw)
  } catch (error) {
    throw new ConfigError(`invalid configuration in ${source}: ${(error as Error).message}`)
  }
}

const definedOnly = (raw: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined))

const fromEnv = (env: Record<string, string | undefined>) =>
  decode("the environment", definedOnly({
    host: env["TRENT_HOST"],
    port: number(env["TRENT_PORT"]),
    dataDir: env["TRENT_DATA_DIR"],
    regions: list(env["TRENT_REGIONS"]),
    accountId: env["TRENT_ACCOUNT_ID"],
    logLevel: logLevel(env["TRENT_LOG_LEVEL"]),
    devMode: flag(env["TRENT_DEV"]),
    acceptSessionTokens: flag(env["TRENT_ACCEPT_SESSION_TOKENS"]),
    credentialsConfig: env["TRENT_CREDENTIALS_CONFIG"],
    maxBodyBytes: number(env["TRENT_MAX_BODY_BYTES"]),
    store: env["TRENT_STORE"],
    kafkaBrokers: list(env["TRENT_KAFKA_BROKERS"]),
    kafkaTopicPrefix: env["TRENT_KAFKA_TOPIC_PREFIX"],
    audit: flag(env["TRENT_NO_AUDIT"]) === true ? false : undefined,
    kafkaRequests: flag(env["TRENT_KAFKA_REQUESTS"]),
    kafkaRequestAccounts: list(env["TRENT_KAFKA_REQUEST_ACCOUNTS"]),
    workers: number(env["TRENT_WORKERS"]),
    // Issue #15's block.
    ...securityEnv(env),
    // Operating it (issue #16).
    seedFile: env["TRENT_SEED"],
    readyMaxLagMs: number(env["TRENT_READY_MAX_LAG_MS"]),
    readyTimeoutMs: number(env["TRENT_READY_TIMEOUT_MS"]),
    requestLogSample: number(env["TRENT_REQUEST_LOG_SAMPLE"]),
    xksConfig: env["TRENT_XKS_CONFIG"]
  }))

const securityEnv = (env: Record<string, string | undefined>) => {
  const raw = securityFromEnv(env)
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => {
    const parse = Object.values(securityFlags).find(([setting]) => setting === key)?.[1]
    return [key, parse === "number" ? number(value) : parse === "boolean" ? flag(value) : value]
  }))
}

const flagNames: Record<string, keyof ServerSettings> = {
  "--host": "host",
  "--port": "port",
  "--data-dir": "dataDir",
  "--regions": "regions",
  "--account-id": "accountId",
  "--log-level": "logLevel",
  "--credentials-config": "credentialsConfig",
  "--max-body-bytes": "maxBodyBytes",
  "--store": "store",
  "--kafka-brokers": "kafkaBrokers",
  "--kafka-topic-prefix": "kafkaTopicPrefix",
  "--kafka-request-accounts": "kafkaRequestAccounts",
  "--workers": "workers",
  // Operating it (issue #16).
  "--seed": "seedFile",
  "--ready-max-lag-ms": "readyMaxLagMs",
  "--ready-timeout-ms": "readyTimeoutMs",
  "--request-log-sample": "requestLogSample",
  "--xks": "xksConfig"
}

/** Every flag the server takes (those with a value, the switches, --config): the README's table and `trent serve --help` list each. */
export const serverFlagNames: ReadonlyArray<string> = [
  "--config",
  ...Object.keys(flagNames),
  "--dev",
  "--accept-session-tokens",
  "--kafka-requests",
  "--no-audit",
  ...Object.keys(securityFlags)
]

/** How each setting reads from text (flags, and strings in the config file); the rest are strings. */
const settingKinds: Readonly<Record<keyof ServerSettings, ValueKind>> = {
  host: "string",
  port: "number",
  dataDir: "string",
  regions: "list",
  accountId: "string",
  logLevel: "logLevel",
  devMode: "boolean",
  acceptSessionTokens: "boolean",
  credentialsConfig: "string",
  maxBodyBytes: "number",
  store: "string",
  kafkaBrokers: "list",
  kafkaTopicPrefix: "string",
  audit: "boolean",
  kafkaRequests: "boolean",
  kafkaRequestAccounts: "list",
  workers: "number",
  seedFile: "string",
  readyMaxLagMs: "number",
  readyTimeoutMs: "number",
  requestLogSample: "number",
  // Issue #15's block reads as its flags do; the SASL password (no flag) is a string.
  ...Object.fromEntries(Object.values(securityFlags).map(([setting, parse]) => [setting, parse])) as Record<keyof SecuritySettings, ValueKind>,
  kafkaSaslPassword: "string",
  xksConfig: "string"
}

const fromFlags = (argv: ReadonlyArray<string>) => {
  const raw: Record<string, unknown> = {}
  let configFile: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined]
    if (name === "--dev") raw["devMode"] = true
    else if (name === "--accept-session-tokens") raw["acceptSessionTokens"] = true
    else if (name === "--kafka-requests") raw["kafkaRequests"] = true
    else if (name === "--no-audit") raw["audit"] = false
    else if (securityFlags[name]?.[1] === "boolean") raw[securityFlags[name][0]] = true
    else if (securityFlags[name] !== undefined) {
      const value = inline ?? argv[++i]
      if (value === undefined) throw new ConfigError(`${name} needs a value`)
      const [key, parse] = securityFlags[name]
      raw[key] = parse === "number" ? number(value) : value
    }
    else if (name === "--config" || flagNames[name] !== undefined) {
      const value = inline ?? argv[++i]
      if (value === undefined) throw new ConfigError(`${name} needs a value`)
      if (name === "--config") configFile = value
      else {
        const key = flagNames[name]!
        raw[key] = fromText(settingKinds[key], value)
      }
    } else throw new ConfigError(`unknown flag ${name}`)
  }
  return { settings: decode("the command line", raw), configFile }
}

const fromFile = (path: string) => decode(path, readConfigFile(path, settingKinds))

/** Resolves the settings: file (`--config` or TRENT_CONFIG) < environment < flags. Throws ConfigError with a clear message. */
export const resolveServerSettings = (
  argv: ReadonlyArray<string>,
  env: Record<string, string | undefined>
): ServerSettings => {
  const flags = fromFlags(argv)
  const configFile = flags.configFile ?? env["TRENT_CONFIG"]
  const file = configFile === undefined ? {} : fromFile(configFile)
  const settings: ServerSettings = { ...defaultServerSettings, ...file, ...fromEnv(env), ...flags.settings }
  if (settings.store === "kafka" && settings.kafkaBrokers.length === 0) {
    throw new ConfigError("the kafka store needs brokers: --kafka-brokers host:port[,host:port…] or TRENT_KAFKA_BROKERS")
  }
  if (settings.kafkaRequests && settings.kafkaBrokers.length === 0) {
    throw new ConfigError("--kafka-requests (TRENT_KAFKA_REQUESTS) needs brokers: --kafka-brokers host:port[,host:port…] or TRENT_KAFKA_BROKERS")
  }
  const security = securityProblem(settings)
  if (security !== undefined) throw new ConfigError(security)
  return settings
}
