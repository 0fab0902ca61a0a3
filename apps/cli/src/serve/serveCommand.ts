import { Effect } from "effect"
import { Command } from "effect/cli"
import { lazy } from "../cli/lazy.ts"
import { ServerArgv } from "./serverArgv.ts"

/**
 * The server's flags, for `--help` only: parsing them is apps/server's
 * ServerConfig (see serverArgv.ts), so this list documents and never decides.
 * A test checks it against the configuration table of the top-level README.
 */
const serverFlags: ReadonlyArray<readonly [string, string]> = [
  ["--config <file>", "JSON config file; flags > TRENT_* variables > the file (or TRENT_CONFIG)"],
  ["--host <address>", "address to listen on (default 127.0.0.1; TRENT_HOST)"],
  ["--port <port>", "port, 0 for any free one (default 7400; TRENT_PORT)"],
  ["--data-dir <dir>", "each Region's events.db, keyvault.db and root.key (default ./data; TRENT_DATA_DIR)"],
  ["--regions <list>", "comma list of Regions to host (default us-east-1; TRENT_REGIONS)"],
  ["--account-id <id>", "the default account (default 111122223333; TRENT_ACCOUNT_ID)"],
  ["--log-level <level>", "trace, debug, info, warn, error or none: JSON lines on stdout (default info; TRENT_LOG_LEVEL)"],
  ["--credentials-config <file>", "accounts, principals, access keys (default <data-dir>/trent-credentials.json)"],
  ["--dev", "dev mode: any well-formed signature is the default account's admin; never expose it (TRENT_DEV=1)"],
  ["--accept-session-tokens", "accept requests signed with session tokens (TRENT_ACCEPT_SESSION_TOKENS=1)"],
  ["--max-body-bytes <n>", "largest request body, larger ones get 413 (default 1 MiB; TRENT_MAX_BODY_BYTES)"],
  ["--no-audit", "for benchmarks only: record no audit trail (TRENT_NO_AUDIT=1)"],
  ["--store <store>", "embedded (SQLite) or kafka (default embedded; TRENT_STORE)"],
  ["--kafka-brokers <list>", "comma list of host:port, for --store kafka (TRENT_KAFKA_BROKERS)"],
  ["--workers <n>", "worker processes behind the one port (default: one per CPU; TRENT_WORKERS)"],
  ["--xks <file>", "serve the AWS KMS XKS proxy API for the key stores in this JSON file (TRENT_XKS_CONFIG)"],
  ["--kafka-topic-prefix <prefix>", "topics are <prefix>.<region>.events and .keyvault (default trent)"],
  ["--kafka-requests", "also serve key operations sent as Kafka messages (TRENT_KAFKA_REQUESTS=1)"],
  ["--kafka-request-accounts <list>", "other accounts whose request topics to serve (TRENT_KAFKA_REQUEST_ACCOUNTS)"],
  ["--tls-cert <file>", "PEM certificate chain; with --tls-key, serve HTTPS only (TRENT_TLS_CERT)"],
  ["--tls-key <file>", "PEM private key for --tls-cert (TRENT_TLS_KEY)"],
  ["--tls-client-ca <file>", "PEM CA; clients must present a certificate it issued (TRENT_TLS_CLIENT_CA)"],
  ["--max-connections <n>", "open connections per process, the longest-idle closed at the cap (default 512)"],
  ["--headers-timeout-ms <ms>", "time to send a request's headers (default 10000; TRENT_HEADERS_TIMEOUT_MS)"],
  ["--request-timeout-ms <ms>", "time to send a whole request (default 30000; TRENT_REQUEST_TIMEOUT_MS)"],
  ["--keep-alive-timeout-ms <ms>", "idle keep-alive connections are closed after this (default 5000)"],
  ["--kafka-tls", "connect to the brokers over TLS (TRENT_KAFKA_TLS=1)"],
  ["--kafka-tls-ca <file>", "PEM CA that issued the brokers' certificates (default the system's; TRENT_KAFKA_TLS_CA)"],
  ["--kafka-sasl-username <user>", "SASL/SCRAM-SHA-512 user; the password only from TRENT_KAFKA_SASL_PASSWORD"],
  ["--root-key <pkcs11:uri>", "root key in an HSM: pkcs11:token=T;object=K?module-path=M&pin-source=file:P (TRENT_ROOT_KEY_SOURCE)"],
  ["--seed <file>", "YAML or JSON seed file: keys with fixed ids, aliases, policies, tags, applied at every start (TRENT_SEED)"],
  ["--ready-max-lag-ms <ms>", "/health/ready is false while other writers' changes lag more, p99 (default 5000)"],
  ["--ready-timeout-ms <ms>", "how long /health waits for a Region's store (default 2000)"],
  ["--request-log-sample <share>", "share of successful requests logged at info, 0..1 (default 1; TRENT_REQUEST_LOG_SAMPLE)"]
]

const width = Math.max(...serverFlags.map(([flag]) => flag.length))

/** `trent serve [server flags…]`: exactly what `npm start` runs, until SIGTERM/SIGINT, which drain, close the stores and exit 0. */
export const serveCommand = Command.make(
  "serve",
  {},
  () =>
    Effect.gen(function*() {
      const { runServe } = yield* lazy(() => import("./runServe.ts"))
      return yield* runServe(yield* ServerArgv)
    })
).pipe(
  Command.withShortDescription("Run the server (what npm start runs)"),
  Command.withDescription(
    "Run the Trent server, as `npm start` does: the AWS KMS API over HTTP on the embedded store (or Kafka), until " +
      "SIGTERM or SIGINT, which stop accepting, drain the requests in flight, close the stores and exit 0. On first " +
      "start it writes an admin's credentials to <data-dir>/credentials. The flags are the server's own, resolved as " +
      "for `npm start` (flags > TRENT_* variables > --config file):\n\n" +
      serverFlags.map(([flag, description]) => `  ${flag.padEnd(width)}  ${description}`).join("\n")
  ),
  Command.withExamples([
    { command: "trent serve", description: "http://127.0.0.1:7400, state in ./data" },
    { command: "trent serve --port 0 --data-dir /var/lib/trent --regions us-east-1,eu-west-1", description: "Two Regions on a free port" },
    { command: "trent serve --store kafka --kafka-brokers 127.0.0.1:9092", description: "Key events in Kafka topics" }
  ])
)
