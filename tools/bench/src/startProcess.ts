import { type ChildProcess, spawn } from "node:child_process"
import { createInterface } from "node:readline"

/** Spawns a node process and waits for a stdout line matching `ready`, returning the process and the match. */
export const startProcess = (args: ReadonlyArray<string>, env: Record<string, string>, ready: RegExp) =>
  // kafkajs's retry timers trip Node's negative-timeout warning; it says nothing about the run.
  startCommand(process.execPath, ["--disable-warning=TimeoutNegativeWarning", ...args], env, ready)

/** Spawns any program and waits for a line matching `ready` on its stdout (or its stderr, where it logs there). */
export const startCommand = (
  command: string,
  args: ReadonlyArray<string>,
  env: Record<string, string>,
  ready: RegExp,
  readyOn: "stdout" | "stderr" = "stdout"
) =>
  new Promise<{ child: ChildProcess; match: RegExpExecArray }>((resolve, reject) => {
    const stdio = readyOn === "stdout" ? ["ignore", "pipe", "inherit"] as const : ["ignore", "ignore", "pipe"] as const
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: [...stdio] })
    const timer = setTimeout(() => reject(new Error(`${args.join(" ")} did not become ready`)), 30_000)
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code}`)))
    const output = readyOn === "stdout" ? child.stdout! : child.stderr!
    createInterface({ input: output }).on("line", (line) => {
      const match = ready.exec(line)
      if (match !== null) {
        clearTimeout(timer)
        resolve({ child, match })
      }
    })
  })

export const stopProcess = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once("exit", () => resolve())
    child.kill("SIGTERM")
  })
