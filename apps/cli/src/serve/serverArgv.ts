import { Context } from "effect"

/** The server's flags from `trent serve`'s command line, handed to apps/server's own resolver untouched. */
export const ServerArgv = Context.Reference<ReadonlyArray<string>>("@trent/cli/ServerArgv", { defaultValue: () => [] })

/** The words `trent` itself reads on `serve`'s line: help, and --debug (a global flag anywhere). */
const cliWords = new Set(["--help", "-h", "--debug", "--debug=true"])

/**
 * Splits a `trent … serve …` command line. effect/cli gets everything up to
 * `serve`, plus `--help` and `--debug`; the rest is the server's, resolved by
 * `resolveServerSettings` exactly as for `npm start` — so `trent serve`
 * accepts every flag the server does, including ones added after this was
 * written, and rejects the rest with the server's own message.
 */
export const splitServeArgv = (
  argv: ReadonlyArray<string>
): { readonly cli: ReadonlyArray<string>; readonly server: ReadonlyArray<string> } | undefined => {
  const at = argv.findIndex((word) => !word.startsWith("-"))
  if (at === -1 || argv[at] !== "serve") return undefined
  const rest = argv.slice(at + 1)
  return {
    cli: [...argv.slice(0, at + 1), ...rest.filter((word) => cliWords.has(word))],
    server: rest.filter((word) => !cliWords.has(word))
  }
}
