import { readFileSync } from "node:fs"
import { availableParallelism } from "node:os"
import { Schema } from "effect"

/**
 * The server's settings, from (lowest to highest precedence) a JSON config
 * file, TRENT_* environment variables and command-line flags.
 */
export interface ServerSettings {
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
  /** Also serve key operations sent as Kafka messages to `<prefix>.<region>.requests` (kafkaRequests/README.md). */
  readonly kafkaRequests: boolean
  /** Accounts besides the default one whose request topics (`<prefix>.<account>.<region>.requests`) are consumed too. */
  readonly kafkaRequestAccounts: ReadonlyArray<string>
  /** Processes serving the port (node:cluster), each on the same store; 1 is one process. Default: the CPUs. */
  readonly workers: number
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
  accountId: "111122223333",
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
  xksConfig: Schema.optional(Schema.String)
})
type PartialSettings = typeof PartialSettings.Type

export class ConfigError extends Error {}

const decode = (source: string, raw: Record<string, unknown>): PartialSettings => {
  try {
    return Schema.decodeUnknownSync(PartialSettings)(raw)
  } catch (error) {
    throw new ConfigError(`invalid configuration in ${source}: ${(error as Error).message}`)
  }
}

const definedOnly = (raw: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined))

const flag = (value: string | undefined): boolean | undefined =>
  value === undefined ? undefined : ["1", "true", "yes", "on"].includes(value.toLowerCase())

const number = (value: string | undefined): number | unknown => (value === undefined || value === "" ? undefined : Number(value))

const list = (value: string | undefined): Array<string> | undefined =>
  value === undefined ? undefined : value.split(",").map((s) => s.trim()).filter((s) => s.length > 0)

const logLevel = (value: string | undefined): string | undefined =>
  value === undefined ? undefined : value.charAt(0).toUpperCase() + value.slice(1).toLowerCase()

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
    xksConfig: env["TRENT_XKS_CONFIG"]
  }))

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
  "--xks": "xksConfig"
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
    else if (name === "--config" || flagNames[name] !== undefined) {
      const value = inline ?? argv[++i]
      if (value === undefined) throw new ConfigError(`${name} needs a value`)
      if (name === "--config") configFile = value
      else {
        const key = flagNames[name]!
        raw[key] = key === "port" || key === "maxBodyBytes" || key === "workers" ? number(value) : key === "regions" || key === "kafkaBrokers" || key === "kafkaRequestAccounts" ? list(value) : key === "logLevel" ? logLevel(value) : value
      }
    } else throw new ConfigError(`unknown flag ${name}`)
  }
  return { settings: decode("the command line", raw), configFile }
}

const fromFile = (path: string) => {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, "utf8"))
  } catch (error) {
    throw new ConfigError(`cannot read the config file ${path}: ${(error as Error).message}`)
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ConfigError(`${path} must hold a JSON object`)
  return decode(path, raw as Record<string, unknown>)
}

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
  return settings
}
