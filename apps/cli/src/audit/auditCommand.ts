import { Command } from "effect/cli"
import { publicKeyCommand } from "./publicKeyCommand.ts"
import { queryCommand } from "./queryCommand.ts"
import { verifyCommand } from "./verifyCommand.ts"

/** `trent audit`: the Region's tamper-evident audit trail, read offline from its audit file. */
export const auditCommand = Command.make("audit").pipe(
  Command.withDescription("Query and verify a Region's audit trail (offline, read-only; safe while the server runs)"),
  Command.withSubcommands([queryCommand, verifyCommand, publicKeyCommand])
)
