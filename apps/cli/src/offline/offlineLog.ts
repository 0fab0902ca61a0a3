import { parseArn } from "@trent/domain"
import { EventLogFailure, type EventLogReads } from "@trent/event-log"
import { Config, Effect, Option } from "effect"
import { OperationFailed, UsageError } from "../cli/CliFailure.ts"
import { locateLog, type LogLocation } from "./LogLocation.ts"
import type { OfflineLogInput } from "./offlineFlags.ts"
import { openKafkaLog } from "./openKafkaLog.ts"
import { openLog } from "./openLog.ts"

const defaultRegion = Config.String("AWS_REGION").pipe(Config.withDefault("us-east-1"))

/**
 * Locates the log that holds `reference`'s stream (a file of the embedded store, or with
 * `--store kafka` the Region's events topic), opens it read-only, runs
 * `use` on it and closes it. A read error of the store becomes an operation
 * failure (exit 1) with the store's own message.
 */
export const withOfflineLog = <A, E>(
  reference: string,
  input: OfflineLogInput,
  use: (log: EventLogReads, location: LogLocation) => Effect.Effect<A, E | EventLogFailure>
): Effect.Effect<A, Exclude<E, EventLogFailure> | OperationFailed | UsageError | Config.ConfigError> =>
  Effect.gen(function*() {
    const location = locateLog(reference, {
      dataDir: input.dataDir,
      region: Option.getOrUndefined(input.region),
      defaultRegion: yield* defaultRegion
    })
    if (location instanceof UsageError) return yield* location
    const log = input.store === "kafka"
      ? yield* openKafkaLog(input, location.region, parseArn(reference)?.account)
      : yield* openLog(location)
    return yield* use(log, location)
  }).pipe(
    Effect.scoped,
    Effect.mapError((error) =>
      error instanceof EventLogFailure
        ? new OperationFailed({ message: error.message, cause: error })
        : error as Exclude<E, EventLogFailure> | OperationFailed | UsageError | Config.ConfigError
    )
  )
