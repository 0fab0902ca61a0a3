import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { KMSClient } from "@aws-sdk/client-kms"

const serverMain = fileURLToPath(new URL("../../../server/src/main.ts", import.meta.url))

export interface TrentServer {
  readonly url: string
  readonly dataDir: string
  readonly region: string
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string }
  /** An SDK client on the server, destroyed by `stop`. */
  readonly kms: KMSClient
  /** The flags that point the CLI's online commands at this server. */
  readonly cliFlags: ReadonlyArray<string>
  readonly stop: () => Promise<void>
  /** Stops the server (SIGTERM: it signs and witnesses its audit tail) and keeps the data directory. */
  readonly halt: () => Promise<void>
}

/** The AWS shared-credentials file the server wrote on first start. */
const readSharedCredentials = (dataDir: string) => {
  const text = readFileSync(join(dataDir, "credentials"), "utf8")
  const value = (name: string) => new RegExp(`^${name}\\s*=\\s*(\\S+)`, "m").exec(text)?.[1] ?? ""
  return { accessKeyId: value("aws_access_key_id"), secretAccessKey: value("aws_secret_access_key") }
}

/** Resolves with the URL once `child` logs "Trent listening on <url>" (as tools/bench does), rejects if it exits first. */
export const listeningUrl = (child: ChildProcess) =>
  new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the server did not start listening within 30 s")), 30_000)
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const match = /Trent listening on (http:\/\/[^"\s]+)/.exec(line)
      if (match !== null) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    })
    child.once("exit", (code) => reject(new Error(`the server exited with ${code} before listening`)))
  })

export const stopProcess = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode)
    child.once("exit", (code) => resolve(code))
    child.kill("SIGTERM")
  })

/**
 * A real server in a subprocess, as `npm start` runs it, on a free port and a fresh data directory (or
 * `options.dataDir`); `options.args` are more of its flags (`--store kafka …`).
 */
export const startTrentServer = async (
  region = "us-east-1",
  options: { readonly dataDir?: string; readonly args?: ReadonlyArray<string> } = {}
): Promise<TrentServer> => {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "trent-cli-"))
  const child = spawn(
    process.execPath,
    [serverMain, "--port", "0", "--data-dir", dataDir, "--regions", region, "--log-level", "info", ...(options.args ?? [])],
    { stdio: ["ignore", "pipe", "inherit"] }
  )
  const url = await listeningUrl(child)
  const credentials = readSharedCredentials(dataDir)
  const kms = new KMSClient({ endpoint: url, region, credentials, maxAttempts: 1 })
  return {
    url,
    dataDir,
    region,
    credentials,
    kms,
    cliFlags: ["--endpoint", url, "--region", region, "--data-dir", dataDir],
    stop: async () => {
      kms.destroy()
      await stopProcess(child)
      rmSync(dataDir, { recursive: true, force: true })
    },
    halt: async () => {
      kms.destroy()
      await stopProcess(child)
    }
  }
}
