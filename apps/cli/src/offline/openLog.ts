import { existsSync } from "node:fs"
import { openSqliteEventLogReader } from "@trent/event-log"
import { Effect } from "effect"
import { OperationFailed } from "../cli/CliFailure.ts"
import type { LogLocation } from "./LogLocation.ts"

/**
 * Opens the Region's event log read-only for the length of the scope: safe
 * while a server runs on the same data directory. A missing file is said
 * plainly, with the likely mistake.
 */
export const openLog = (location: LogLocation) =>
  existsSync(location.file)
    ? openSqliteEventLogReader({ file: location.file, region: location.region }).pipe(
      Effect.mapError((error) => new OperationFailed({ message: error.message, cause: error }))
    )
    : Effect.fail(
      new OperationFailed({
        message: `no event log for Region ${location.region} at ${location.file} (check --data-dir and --region)`
      })
    )
