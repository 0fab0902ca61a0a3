import { Effect } from "effect"
import { Argument, Command } from "effect/cli"
import { lazy } from "../cli/lazy.ts"
import { offlineLogFlags } from "../offline/offlineFlags.ts"

const config = {
  key: Argument.String("key").pipe(
    Argument.withDescription("Key id or key ARN (the key's stream), or alias name or alias ARN (the alias's own stream)")
  ),
  ...offlineLogFlags
}
export type InspectInput = Command.Command.Config.Infer<typeof config>

/** `trent log inspect <key>`: a stream's raw events as JSON lines, read offline from the Region's log. */
export const inspectCommand = Command.make(
  "inspect",
  config,
  (input) => Effect.flatMap(lazy(() => import("./inspectStream.ts")), ({ inspectStream }) => inspectStream(input))
).pipe(
  Command.withShortDescription("A stream's raw events as JSON lines (offline)"),
  Command.withDescription(
    "Print the raw events of a key's (or an alias's) stream as JSON lines: every envelope field (position, seq, term, " +
      "eventId, type, schemaVersion, at, principal, requestId, commandId, prevHash, hash) and the payload, with wrapped " +
      "key material shown only as its length. Reads <data-dir>/<region>/events.db read-only."
  ),
  Command.withExamples([
    {
      command: "trent log inspect 1234abcd-12ab-34cd-56ef-1234567890ab --data-dir /var/lib/trent",
      description: "For a support ticket"
    },
    { command: "trent log inspect alias/payments | jq .type", description: "The alias's own events" }
  ])
)
