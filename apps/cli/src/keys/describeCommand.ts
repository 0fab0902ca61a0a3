import { Effect } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { lazy } from "../cli/lazy.ts"
import { kmsFlags } from "../kms/kmsFlags.ts"

const config = {
  key: Argument.String("key").pipe(Argument.withDescription("Key id, key ARN, alias name (alias/…) or alias ARN")),
  json: Flag.Boolean("json").pipe(
    Flag.withDescription("One JSON line: DescribeKey's KeyMetadata with Aliases, Tags and the rotation status"),
    Flag.withDefault(false)
  ),
  ...kmsFlags
}
export type DescribeInput = Command.Command.Config.Infer<typeof config>

/** `trent keys describe <key>`: one key's metadata, aliases, tags and rotation, from a running Trent. */
export const describeCommand = Command.make(
  "describe",
  config,
  (input) => Effect.flatMap(lazy(() => import("./describeKey.ts")), ({ describeKey }) => describeKey(input))
).pipe(
  Command.withShortDescription("Describe one key of a running Trent"),
  Command.withDescription("Describe one key of a running Trent: DescribeKey, its aliases, tags and rotation status"),
  Command.withExamples([
    { command: "trent keys describe alias/payments --data-dir ./data", description: "The key alias/payments points at" },
    { command: "trent keys describe 1234abcd-12ab-34cd-56ef-1234567890ab --json", description: "As one JSON line" }
  ])
)
