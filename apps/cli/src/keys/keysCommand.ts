import { Command } from "effect/cli"
import { describeCommand } from "./describeCommand.ts"
import { historyCommand } from "./historyCommand.ts"
import { listCommand } from "./listCommand.ts"

/** `trent keys`: the keys of a running Trent (list, describe), and any key's history from the log. */
export const keysCommand = Command.make("keys").pipe(
  Command.withDescription("List and describe keys on a running Trent, or replay a key's history from the Region's log"),
  Command.withSubcommands([listCommand, describeCommand, historyCommand])
)
