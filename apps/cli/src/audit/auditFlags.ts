import { Config } from "effect"
import { Flag } from "effect/cli"
import { offlineLogFlags } from "../offline/offlineFlags.ts"
import { storeFlags } from "../offline/storeFlags.ts"

/** The flags of every `trent audit` command: where the Region's audit file is (<data-dir>/<region>/audit.db). */
export const auditFileFlags = {
  // The same directory as the log's: the Region's audit trail is <dir>/<region>/audit.db.
  dataDir: offlineLogFlags.dataDir,
  region: Flag.String("region").pipe(
    Flag.withDescription("The Region whose audit trail to read (default: AWS_REGION, else us-east-1)"),
    Flag.withFallbackConfig(Config.String("AWS_REGION")),
    Flag.withDefault("us-east-1")
  ),
  account: Flag.String("account").pipe(
    Flag.withDescription("Another account's Regions live under <dir>/accounts/<account>/ (default: the server's default account)"),
    Flag.optional
  )
}

/** `audit query` and `audit verify` read the trail of either store: its files, or its Kafka topic (`--store kafka`). */
export const auditTrailFlags = { ...auditFileFlags, ...storeFlags }
