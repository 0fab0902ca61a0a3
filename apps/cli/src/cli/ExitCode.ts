/**
 * The exit codes scripts can rely on, documented in every `--help` and in the
 * README. Interrupted commands exit 130 (128 + SIGINT), as shells do, except
 * `serve`, for which SIGTERM/SIGINT is the normal way to stop.
 */
export const ExitCode = Object.freeze({
  /** The command did what it was asked. */
  Success: 0,
  /** The operation failed: a key not found, an AWS error, a missing file, a decryption check. */
  Failed: 1,
  /** The command line is wrong: an unknown flag or command, a missing or malformed value. */
  Usage: 2,
  /** Stopped by SIGINT/SIGTERM before finishing. */
  Interrupted: 130
})
export type ExitCode = typeof ExitCode[keyof typeof ExitCode]

/** The sentence every command's help ends with. */
export const exitCodesHelp = "Exit codes: 0 success; 1 the operation failed (e.g. key not found, AWS error); 2 usage error."
