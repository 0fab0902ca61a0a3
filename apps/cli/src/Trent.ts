import { readFileSync } from "node:fs"
import { Command } from "effect/cli"
import { auditCommand } from "./audit/auditCommand.ts"
import { Debug } from "./cli/Debug.ts"
import { decryptCommand } from "./envelope/decryptCommand.ts"
import { encryptCommand } from "./envelope/encryptCommand.ts"
import { keysCommand } from "./keys/keysCommand.ts"
import { logCommand } from "./log/logCommand.ts"
import { rootKeyCommand } from "./rootKey/rootKeyCommand.ts"
import { serveCommand } from "./serve/serveCommand.ts"

export const version: string = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version

/**
 * `trent`, the command operators use every day. Each entry is one command or
 * command group, in the order `trent --help` lists them; adding a group is
 * adding its line here.
 */
export const Trent = Command.make("trent").pipe(
  Command.withDescription("Trent, a self-hosted Key Management Service that speaks the AWS KMS API"),
  Command.withGlobalFlags([Debug]),
  Command.withSubcommands([
    serveCommand,
    keysCommand,
    encryptCommand,
    decryptCommand,
    auditCommand,
    logCommand,
    rootKeyCommand
  ])
)
