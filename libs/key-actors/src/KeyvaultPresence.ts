import { EventLog } from "@trent/event-log"
import { Effect } from "effect"
import { RegionConfig } from "./RegionConfig.ts"
import { RegionInternalError } from "./RegionErrors.ts"

/**
 * Called where the keyvault lacks an entry every started Region has (its
 * root-key canary, its audit signing key). On a Region whose log is empty
 * that is a first start, and the entry is made. On a Region whose log holds
 * events the keyvault was lost (a missing keyvault.db, an emptied topic):
 * starting anyway would make a new signing key, answer DescribeKey `Enabled`
 * and fail every Encrypt and Decrypt. The Region refuses, in one line naming
 * what is missing, as it refuses a wrong root key.
 */
export const refuseLostKeyvault = (entry: string) =>
  Effect.gen(function*() {
    const { region, keyvaultLocation } = yield* RegionConfig
    const eventLog = yield* EventLog
    const head = yield* eventLog.head.pipe(
      Effect.mapError((cause) => new RegionInternalError({ message: "reading the event log failed", cause }))
    )
    if (head === 0) return
    const where = keyvaultLocation === undefined ? "" : ` (${keyvaultLocation})`
    return yield* new RegionInternalError({
      message: `Region ${region}'s keyvault${where} is missing: its event log holds keys but the keyvault has no ${entry}; ` +
        "restore the keyvault from a backup (a new one cannot open any key of the Region)"
    })
  })
