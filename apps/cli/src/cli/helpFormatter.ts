import { CliOutput } from "effect/cli"
import { exitCodesHelp } from "./ExitCode.ts"

/**
 * effect/cli's formatter, with the exit codes at the end of every command's
 * help: scripts depend on them, so they are documented where one looks first.
 */
export const helpFormatter = (colors: boolean): CliOutput.Formatter => {
  const base = CliOutput.defaultFormatter({ colors })
  return {
    ...base,
    formatHelpDoc: (doc) => `${base.formatHelpDoc(doc)}\n\nEXIT CODES\n  ${exitCodesHelp.replace(/^Exit codes: /, "")}`
  }
}
