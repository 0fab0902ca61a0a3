import { Effect } from "effect"
import { Command, Flag } from "effect/cli"
import { lazy } from "../cli/lazy.ts"
import { kmsFlags } from "../kms/kmsFlags.ts"

const config = {
  json: Flag.Boolean("json").pipe(
    Flag.withDescription("JSON lines: one DescribeKey KeyMetadata per key, with its Aliases"),
    Flag.withDefault(false)
  ),
  ...kmsFlags
}
export type ListInput = Command.Command.Config.Infer<typeof config>

/** `trent keys list`: every key of the account in the Region, with its state and aliases. */
export const listCommand = Command.make(
  "list",
  config,
  (input) => Effect.flatMap(lazy(() => import("./listKeys.ts")), ({ listKeys }) => listKeys(input))
).pipe(
  Command.withShortDescription("List the keys of a running Trent"),
  Command.withDescription("List the keys of a running Trent (ListKeys, DescribeKey, ListAliases) as a table, or --json"),
  Command.withExamples([
    { command: "trent keys list --data-dir ./data", description: "With the credentials the server wrote on first start" },
    {
      command: "trent keys list --endpoint http://kms.internal:7400 --region eu-west-1 --json",
      description: "Another server and Region, as JSON lines"
    }
  ])
)
