import { spawn } from "node:child_process"
import { Console as NodeConsole } from "node:console"
import { fileURLToPath } from "node:url"
import { Writable } from "node:stream"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Console, Effect } from "effect"
import { runTrent } from "../cli/runTrent.ts"

export const cliMain = fileURLToPath(new URL("../main.ts", import.meta.url))

export interface CliRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

const collector = () => {
  const chunks: Array<string> = []
  return { stream: new Writable({ write: (chunk, _e, next) => (chunks.push(String(chunk)), next()) }), text: () => chunks.join("") }
}

/** `trent <args>` in this process, through its Effect program, with the console captured: fast, for many runs. */
export const runCli = async (args: ReadonlyArray<string>): Promise<CliRun> => {
  const out = collector()
  const err = collector()
  const console = new NodeConsole({ stdout: out.stream, stderr: err.stream })
  const code = await Effect.runPromise(
    runTrent(args).pipe(Effect.provideService(Console.Console, console), Effect.provide(NodeServices.layer))
  )
  return { code, stdout: out.text(), stderr: err.text() }
}

export interface ProcessRun extends CliRun {
  /** Standard output as bytes, for `-` round trips. */
  readonly stdoutBytes: Buffer
  /** Peak resident set size of the CLI process in bytes, when measured with /usr/bin/time -v. */
  readonly maxRssBytes: number | undefined
}

/** `trent <args>` as its own process (exit codes, signals, memory), optionally under /usr/bin/time -v. */
export const runCliProcess = (
  args: ReadonlyArray<string>,
  options: { readonly stdin?: Buffer; readonly measureMemory?: boolean; readonly env?: Record<string, string> } = {}
) =>
  new Promise<ProcessRun>((resolve, reject) => {
    const node = [process.execPath, cliMain, ...args]
    const [command, ...argv] = options.measureMemory === true ? ["/usr/bin/time", "-v", ...node] : node
    const child = spawn(command!, argv, { env: { ...process.env, ...options.env }, stdio: ["pipe", "pipe", "pipe"] })
    const stdout: Array<Buffer> = []
    const stderr: Array<Buffer> = []
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk))
    child.stdin.end(options.stdin)
    child.once("error", reject)
    child.once("close", (code) => {
      const text = Buffer.concat(stderr).toString()
      const timeReport = text.indexOf("\tCommand being timed:")
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1]
      resolve({
        // /usr/bin/time reports the child's code in its own; "Command exited with non-zero status" is its line, not trent's.
        code,
        stdout: Buffer.concat(stdout).toString(),
        stdoutBytes: Buffer.concat(stdout),
        stderr: (timeReport === -1 ? text : text.slice(0, timeReport)).replace(/^Command exited with non-zero status \d+\n/m, ""),
        maxRssBytes: rss === undefined ? undefined : Number(rss) * 1024
      })
    })
  })
