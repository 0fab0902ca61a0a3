import { spawn } from "node:child_process"
import { closeSync, openSync, readFileSync } from "node:fs"

/**
 * Runs a program to completion with stdout and stderr appended to `logFile` (never our own output:
 * `kafka:start` prints exactly one line). Resolves with the exit code; a spawn error rejects.
 */
export const runLogged = (command: string, args: ReadonlyArray<string>, logFile: string, cwd: string) =>
  new Promise<number>((resolve, reject) => {
    const log = openSync(logFile, "a")
    const child = spawn(command, [...args], { cwd, stdio: ["ignore", log, log] })
    closeSync(log)
    child.once("error", reject)
    child.once("close", (code, signal) => resolve(code ?? (signal === null ? 1 : 128)))
  })

/** The last lines of a log, for an error message that should show why without opening the file. */
export const tailOf = (logFile: string, lines = 15): string => {
  try {
    return readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n")
  } catch {
    return "(no log)"
  }
}
