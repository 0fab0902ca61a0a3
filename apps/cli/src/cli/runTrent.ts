import { Console, Effect, Layer } from "effect"
import { CliConfig, CliOutput, Command, GlobalFlag } from "effect/cli"
import { ServerArgv, splitServeArgv } from "../serve/serverArgv.ts"
import { Trent, version } from "../Trent.ts"
import { debugRequested } from "./Debug.ts"
import { helpFormatter } from "./helpFormatter.ts"
import { reportExit } from "./reportExit.ts"
import { usagePresenter } from "./usagePresenter.ts"

export interface RunOptions {
  /** ANSI colours in help: on when stdout is a terminal. */
  readonly colors?: boolean
}

/** The first word that is not a flag: the command group, for exit-code rules that depend on it. */
export const commandOf = (argv: ReadonlyArray<string>): string | undefined => argv.find((arg) => !arg.startsWith("-"))

/**
 * Runs `trent` on `argv` to its exit code: the command's output on stdout, and
 * on failure one line on stderr (`trent: <message>`, the full cause with
 * `--debug`). Never fails; interruption (SIGINT/SIGTERM) is left to the caller,
 * which knows it only as the fiber's end.
 */
export const runTrent = (argv: ReadonlyArray<string>, options: RunOptions = {}) => {
  const formatter = helpFormatter(options.colors ?? false)
  const cliLayer = Layer.mergeAll(
    CliOutput.layer(formatter),
    CliOutput.layerPresenter(usagePresenter(formatter)),
    // No wizard and no --log-level: Trent's commands neither prompt nor log.
    CliConfig.layer({ builtIns: [GlobalFlag.Help, GlobalFlag.Version, GlobalFlag.Completions] })
  )
  const serve = splitServeArgv(argv)
  return Command.runWith(Trent, { version })(serve?.cli ?? argv).pipe(
    Effect.provideService(ServerArgv, serve?.server ?? []),
    Effect.provide(cliLayer),
    Effect.exit,
    Effect.flatMap((exit) => {
      const report = reportExit(exit, { debug: debugRequested(argv), interruptIsSuccess: commandOf(argv) === "serve" })
      return Effect.as(Effect.forEach(report.stderr, (line) => Console.error(line), { discard: true }), report.code)
    })
  )
}
