import { Effect } from "effect"
import { Command, Flag } from "effect/cli"
import { lazy } from "../cli/lazy.ts"
import { auditTrailFlags } from "./auditFlags.ts"

const config = {
  ...auditTrailFlags,
  key: Flag.String("key").pipe(Flag.withDescription("Only requests that used this key (key ARN or key id)"), Flag.optional),
  principal: Flag.String("principal").pipe(Flag.withDescription("Only requests of this caller (its ARN)"), Flag.optional),
  event: Flag.String("event").pipe(Flag.withDescription("Only this operation (Encrypt, CreateKey, …)"), Flag.optional),
  since: Flag.String("since").pipe(Flag.withDescription("From this instant (ISO 8601 or epoch ms)"), Flag.optional),
  until: Flag.String("until").pipe(Flag.withDescription("Before this instant (ISO 8601 or epoch ms)"), Flag.optional),
  errorsOnly: Flag.Boolean("errors-only").pipe(Flag.withDescription("Only failed requests"), Flag.withDefault(false)),
  limit: Flag.Int("limit").pipe(Flag.withDescription("At most this many records"), Flag.optional),
  json: Flag.Boolean("json").pipe(Flag.withDescription("Whole CloudTrail records as JSON lines"), Flag.withDefault(false))
}
export type QueryInput = Command.Command.Config.Infer<typeof config>

/** `trent audit query`: who used which key, and when, from the Region's audit trail. */
export const queryCommand = Command.make(
  "query",
  config,
  (input) => Effect.flatMap(lazy(() => import("./queryAudit.ts")), ({ queryAudit }) => queryAudit(input))
).pipe(
  Command.withShortDescription("Who used which key, and when"),
  Command.withDescription(
    "List the Region's audit records (CloudTrail's shape) that match every filter given, oldest first: as a table " +
      "(time, operation, caller, outcome, keys, request id) or, with --json, one whole record per line."
  ),
  Command.withExamples([
    { command: "trent audit query --key 1234abcd-12ab-34cd-56ef-1234567890ab", description: "Who used this key, and when" },
    { command: "trent audit query --errors-only --since 2026-11-28", description: "Today's failures" }
  ])
)
