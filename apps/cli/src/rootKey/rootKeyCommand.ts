import { Command } from "effect/cli"
import { migrateCommand } from "./migrateCommand.ts"

/** `trent root-key`: the Region's root key, which wraps every KEK in its keyvault. */
export const rootKeyCommand = Command.make("root-key").pipe(
  Command.withDescription("Manage a Region's root key (offline: stop the servers of the Region first)"),
  Command.withSubcommands([migrateCommand])
)
