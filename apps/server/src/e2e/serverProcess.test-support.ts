import { type ChildProcess, spawn } from "node:child_process"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { KMSClient } from "@aws-sdk/client-kms"

const serverMain = fileURLToPath(new URL("../main.ts", import.meta.url))

export interface ServerProcess {
  readonly url: string
  readonly child: ChildProcess
  /** Every stdout line so far (JSON log lines). */
  readonly lines: Array<string>
  readonly client: (credentials: { readonly accessKeyId: string; readonly secretAccessKey: string }, region?: string) => KMSClient
  /** SIGTERM, then waits for the exit code. */
  readonly stop: () => Promise<number | null>
}

/**
 * A real server in its own process, as `npm start` runs it (`--workers`
 * included): resolves once it is serving — "Trent listening on <url>" from a
 * single process, or the primary's "<n> workers serving <url>" — and rejects
 * if it exits first.
 */
export const startServerProcess = async (
  flags: ReadonlyArray<string>,
  env: Record<string, string> = {},
  options: { readonly openFileLimit?: number } = {}
): Promise<ServerProcess> => {
  const args = ["--disable-warning=TimeoutNegativeWarning", serverMain, "--port", "0", "--log-level", "info", ...flags]
  // `ulimit -n` through a shell, which then becomes the server (exec): the limit a default install runs under.
  const [command, commandArgs] = options.openFileLimit === undefined
    ? [process.execPath, args]
    : ["/bin/sh", ["-c", `ulimit -n ${options.openFileLimit} && exec "$0" "$@"`, process.execPath, ...args]]
  const child = spawn(command, commandArgs, {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ...env }
  })
  const lines: Array<string> = []
  const clustered = flags.includes("--workers") && flags[flags.indexOf("--workers") + 1] !== "1"
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the server did not start serving within 60 s")), 60_000)
    createInterface({ input: child.stdout! }).on("line", (line) => {
      lines.push(line)
      const match = (clustered ? /workers serving (https?:\/\/[^"\s]+)/ : /Trent listening on (https?:\/\/[^"\s]+)/).exec(line)
      if (match !== null) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    })
    child.once("exit", (code) => reject(new Error(`the server exited with ${code} before serving`)))
  })
  const clients: Array<KMSClient> = []
  return {
    url,
    child,
    lines,
    client: (credentials, region = "eu-west-1") => {
      const client = new KMSClient({ endpoint: url, region, credentials, maxAttempts: 1 })
      clients.push(client)
      return client
    },
    stop: () =>
      new Promise((resolve) => {
        for (const client of clients) client.destroy()
        if (child.exitCode !== null) return resolve(child.exitCode)
        child.once("exit", (code) => resolve(code))
        child.kill("SIGTERM")
      })
  }
}
