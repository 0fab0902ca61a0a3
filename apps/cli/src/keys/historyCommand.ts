import { Effect } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { lazy } from "../cli/lazy.ts"
import { offlineLogFlags } from "../offline/offlineFlags.ts"

const config = {
  key: Argument.String("key").pipe(
    Argument.withDescription("Key id, key ARN, alias name (alias/…) or alias ARN; an alias is resolved as it was at --at")
  ),
  at: Flag.String("at").pipe(
    Flag.withDescription("The instant: ISO 8601 (2025-03-01T12:00:00Z) or epoch milliseconds (default: now)"),
    Flag.optional
  ),
  json: Flag.Boolean("json").pipe(
    Flag.withDescription("JSON lines: the state ({\"kind\":\"state\",…}), then one line per event ({\"kind\":\"event\",…})"),
    Flag.withDefault(false)
  ),
  ...offlineLogFlags
}
export type HistoryInput = Command.Command.Config.Infer<typeof config>

/** `trent keys history <key> [--at <time>]`: a key's full state at any instant, replayed offline from the Region's log. */
export const historyCommand = Command.make(
  "history",
  config,
  (input) => Effect.flatMap(lazy(() => import("../history/keyHistory.ts")), ({ keyHistory }) => keyHistory(input))
).pipe(
  Command.withShortDescription("A key's state at any instant, and its timeline (offline)"),
  Command.withDescription(
    "Print a key's full state as it was at an instant (state, description, spec, policy, versions, rotation, tags, grants, " +
      "aliases), then its timeline (time, event, principal, request id). Reads <data-dir>/<region>/events.db read-only: " +
      "no server needed, and safe while one runs."
  ),
  Command.withExamples([
    {
      command: "trent keys history 1234abcd-12ab-34cd-56ef-1234567890ab",
      description: "The key now, and everything that happened to it"
    },
    {
      command: "trent keys history alias/payments --at 2025-03-01T12:00:00Z",
      description: "The key alias/payments named then, as it was then"
    },
    {
      command: "trent keys history arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab --json",
      description: "As JSON lines, from the eu-west-1 log"
    }
  ])
)
