import { readFileSync } from "node:fs"
import { join } from "node:path"
import { type AuditTrail, auditChainFiles, chainsAuditFile, openAuditChainsReadOnly } from "@trent/audit"
import { readAuditTopic } from "@trent/event-log-kafka"
import { type Config, Effect, Option, type Scope } from "effect"
import { OperationFailed, UsageError } from "../cli/CliFailure.ts"
import { kafkaStoreOf } from "../offline/kafkaStoreOf.ts"
import type { StoreInput } from "../offline/storeFlags.ts"

export interface AuditLocation {
  readonly dataDir: string
  readonly region: string
  readonly account: Option.Option<string>
}

const regionPattern = /^([a-z]+-){2,3}\d+$/

/** The Region's directory: `<data-dir>/<region>`, or `<data-dir>/accounts/<account>/<region>` for another account. */
export const regionDir = (location: AuditLocation): Effect.Effect<string, UsageError> =>
  regionPattern.test(location.region)
    ? Effect.succeed(Option.match(location.account, {
      onNone: () => join(location.dataDir, location.region),
      onSome: (account) => join(location.dataDir, "accounts", account, location.region)
    }))
    : Effect.fail(new UsageError({ message: `'${location.region}' is not a Region name (e.g. us-east-1)` }))

/**
 * Opens the Region's audit trail read-only (safe while the server runs): every
 * writer's chain (`audit.db`, `audit-<n>.db`: one per worker or server that
 * wrote it), as one trail.
 */
export const openAuditFile = (
  location: AuditLocation & StoreInput
): Effect.Effect<AuditTrail, UsageError | OperationFailed | Config.ConfigError, Scope.Scope> =>
  location.store === "kafka" ? readAuditTrailTopic(location) : Effect.gen(function*() {
    const dir = yield* regionDir(location)
    if (auditChainFiles(dir).length === 0) {
      return yield* new OperationFailed({ message: `there is no audit trail at ${join(dir, "audit.db")}` })
    }
    return yield* openAuditChainsReadOnly(dir).pipe(
      Effect.mapError((error) => new OperationFailed({ message: error.message, cause: error }))
    )
  })

/**
 * The Region's audit trail on the Kafka store: `<prefix>.<region>.audit`, which holds every
 * server's chain (each server's audit file has only its own), read whole (readAuditTopic).
 */
const readAuditTrailTopic = (location: AuditLocation & StoreInput) =>
  Effect.gen(function*() {
    // The same refusal of a malformed Region name as on files, before any broker is asked.
    yield* regionDir(location)
    const store = yield* kafkaStoreOf(location, location.region, Option.getOrUndefined(location.account))
    const chains = yield* readAuditTopic({ ...store, dataDir: location.dataDir }).pipe(
      Effect.mapError((error) => new OperationFailed({ message: error.message, cause: error }))
    )
    return chainsAuditFile(location.region, chains)
  })

/** A PEM or DER public key file, as SPKI DER bytes. */
export const readPublicKeyFile = (file: string): Effect.Effect<Uint8Array, OperationFailed> =>
  Effect.try({
    try: () => {
      const bytes = readFileSync(file)
      const text = bytes.toString("latin1")
      if (!text.includes("-----BEGIN PUBLIC KEY-----")) return new Uint8Array(bytes)
      const base64 = text.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "").replace(/\s+/g, "")
      return new Uint8Array(Buffer.from(base64, "base64"))
    },
    catch: (cause) => new OperationFailed({ message: `cannot read the public key ${file}`, cause })
  })
