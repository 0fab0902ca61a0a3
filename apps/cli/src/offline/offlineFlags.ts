import { Config, type Option } from "effect"
import { Flag } from "effect/cli"
import { type StoreInput, storeFlags } from "./storeFlags.ts"

/** The flags of every command that reads a Region's log directly (its file, or its Kafka topic), without a server. */
export const offlineLogFlags = {
  dataDir: Flag.String("data-dir").pipe(
    Flag.withDescription("The server's data directory; the Region's log is <dir>/<region>/events.db (or TRENT_DATA_DIR)"),
    Flag.withFallbackConfig(Config.String("TRENT_DATA_DIR")),
    Flag.withDefault("./data")
  ),
  region: Flag.String("region").pipe(
    Flag.withDescription("The Region whose log to read (default: the ARN's Region, else AWS_REGION, else us-east-1)"),
    Flag.optional
  ),
  ...storeFlags
}

export interface OfflineLogInput extends StoreInput {
  readonly dataDir: string
  readonly region: Option.Option<string>
}
