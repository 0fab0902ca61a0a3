import { Effect, Option } from "effect"
import { UsageError } from "../cli/CliFailure.ts"
import type { HistoryInput } from "../keys/historyCommand.ts"
import { withOfflineLog } from "../offline/offlineLog.ts"
import { parseInstant } from "./parseInstant.ts"
import { printKeyHistoryJson, printKeyHistoryTable } from "./printKeyHistory.ts"
import { readKeyHistory } from "./readKeyHistory.ts"

/** `keys history`: parses `--at`, replays the key from the Region's log, prints it as a table or JSON lines. */
export const keyHistory = Effect.fn("keys.history")(function*(input: HistoryInput) {
  const at = Option.match(input.at, { onNone: () => Date.now(), onSome: parseInstant })
  if (at === undefined) {
    return yield* new UsageError({ message: `--at '${Option.getOrUndefined(input.at)}' is neither ISO 8601 nor epoch milliseconds` })
  }
  const history = yield* withOfflineLog(input.key, input, (log, location) => readKeyHistory(log, location.target, at))
  yield* input.json ? printKeyHistoryJson(history) : printKeyHistoryTable(history)
})
