import { type ChildProcess, spawn } from "node:child_process"
import { createInterface } from "node:readline"

/** Spawns a node process and waits for a stdout line matching `ready`, returning the process and the match. */
export const startProcess = (args: ReadonlyArray<string>, env: Record<string, string>, ready: RegExp) =>
  new Promise<{ child: ChildProcess; match: RegExpExecArray }>((resolve, reject) => {
    // kafkajs's retry timers trip Node's negative-timeout warning; it says nothing about the run.
    const child = spawn(process.execPath, ["--disable-warning=TimeoutNegativeWarning", ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] })
    const timer = setTimeout(() => reject(new Error(`${args.join(" ")} did not become ready`)), 30_000)
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code}`)))
    createInterface({ input: child.stdout! }).on("line", (line) => {
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
