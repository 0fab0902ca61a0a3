import { Cause, Exit, Option } from "effect"
import { CliError } from "effect/cli"
import { describeFailure } from "./describeFailure.ts"
import { ExitCode } from "./ExitCode.ts"

export interface ExitReport {
  readonly code: ExitCode
  /** What goes to stderr: one line, or with `--debug` the full cause after it. */
  readonly stderr: ReadonlyArray<string>
}

export interface ReportOptions {
  readonly debug: boolean
  /** `serve` stops on SIGTERM/SIGINT by design: its interruption is a success. */
  readonly interruptIsSuccess: boolean
}

/**
 * Turns how a command ended into its exit code and the line on stderr. Parse
 * errors were already shown by the presenter; a usage error is 2; an operation
 * failure, or a defect (a bug, said as such), is 1.
 */
export const reportExit = <A, E>(exit: Exit.Exit<A, E>, options: ReportOptions): ExitReport => {
  if (Exit.isSuccess(exit)) return { code: ExitCode.Success, stderr: [] }
  const cause = exit.cause
  if (Cause.hasInterruptsOnly(cause)) {
    return { code: options.interruptIsSuccess ? ExitCode.Success : ExitCode.Interrupted, stderr: [] }
  }
  const debug = options.debug ? [Cause.pretty(cause)] : []
  const error = Cause.findErrorOption(cause)
  if (Option.isNone(error)) {
    const hint = options.debug ? "" : " (run again with --debug for the stack trace)"
    return { code: ExitCode.Failed, stderr: [`trent: internal error: ${describeFailure(Cause.squash(cause))}${hint}`, ...debug] }
  }
  const failure = error.value
  if (CliError.isCliError(failure)) return { code: ExitCode.Usage, stderr: debug }
  // `serve --workers`: a worker that could not start said why on stderr already, in one line.
  if (isTagged(failure, "WorkerStartFailure") && (failure as { readonly reported?: unknown }).reported === true) {
    return { code: ExitCode.Failed, stderr: debug }
  }
  const code = isTagged(failure, "UsageError") ? ExitCode.Usage : ExitCode.Failed
  return { code, stderr: [`trent: ${describeFailure(failure)}`, ...debug] }
}

const isTagged = (value: unknown, tag: string): boolean =>
  typeof value === "object" && value !== null && (value as { _tag?: unknown })._tag === tag
