import { Console } from "effect"
import { type CliError, CliOutput, type HelpDoc } from "effect/cli"
import { oneLine } from "./describeFailure.ts"

/**
 * How `trent` shows help and parse errors. `--help` and `--version` go to
 * stdout as effect/cli renders them; an invalid invocation, or a command group
 * given without its subcommand, is one line on stderr, `trent: <what is wrong>
 * (see 'trent … --help')`, never the whole help page, so that a script's log
 * shows the mistake and nothing else.
 */
export const usagePresenter = (formatter: CliOutput.Formatter): CliOutput.Presenter => ({
  present: (event) => {
    switch (event._tag) {
      case "Help":
        return event.reason === "Requested"
          ? Console.log(formatter.formatHelpDoc(event.helpDoc))
          : Console.error(missingSubcommandLine(event.helpDoc, event.commandPath))
      case "Version":
        return Console.log(formatter.formatVersion(event.name, event.version))
      case "InvalidInvocation":
        return Console.error(usageLine(event.errors, event.commandPath))
    }
  }
})

export const usageLine = (errors: ReadonlyArray<CliError.CliError>, commandPath: ReadonlyArray<string>): string =>
  `trent: ${errors.map(parseErrorMessage).join("; ")} (see '${commandPath.join(" ")} --help')`

const missingSubcommandLine = (doc: HelpDoc.HelpDoc, commandPath: ReadonlyArray<string>): string => {
  const names = (doc.subcommands ?? []).flatMap((group) => group.commands.map((command) => command.name))
  const path = commandPath.join(" ")
  return `trent: missing command after '${path}': one of ${names.join(", ")} (see '${path} --help')`
}

const parseErrorMessage = (error: CliError.CliError): string => {
  switch (error._tag) {
    case "UnrecognizedOption":
      return `unknown flag ${error.option}${suggestion(error.suggestions)}`
    case "UnknownSubcommand":
      return `unknown command "${error.subcommand}"${suggestion(error.suggestions)}`
    default:
      return oneLine(error.message)
  }
}

const suggestion = (suggestions: ReadonlyArray<string>): string =>
  suggestions.length === 0 ? "" : ` (did you mean ${suggestions.join(" or ")}?)`
