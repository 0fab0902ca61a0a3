import { Flag, GlobalFlag } from "effect/cli"

/** `--debug`, accepted anywhere on the command line: failures print their full cause and stack. */
export const Debug = GlobalFlag.Setting("debug")({
  flag: Flag.Boolean("debug").pipe(
    Flag.withDescription("On failure, print the full cause with its stack trace instead of one line"),
    Flag.withDefault(false)
  )
})

/** Whether `--debug` is on the command line (before `--`): read before parsing, to render parse-time failures too. */
export const debugRequested = (argv: ReadonlyArray<string>): boolean => {
  const end = argv.indexOf("--")
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === "--debug" || arg === "--debug=true")
}
