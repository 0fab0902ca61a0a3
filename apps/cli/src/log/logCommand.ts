import { Command } from "effect/cli"
import { inspectCommand } from "./inspectCommand.ts"

/** `trent log`: the Region's event log itself, for support. */
export const logCommand = Command.make("log").pipe(
  Command.withDescription("Look at a Region's event log directly (offline, read-only)"),
  Command.withSubcommands([inspectCommand])
)
