import { execFile, spawn } from "node:child_process"
import { closeSync, openSync } from "node:fs"
import type { RunDirectory } from "./runDirectory.ts"

export interface JavaLaunch {
  readonly java: string
  readonly classpath: string
  /** System properties and heap settings placed before the main class. */
  readonly jvmOptions: ReadonlyArray<string>
}

// Kafka's kafka-server-start.sh uses a 1 GiB heap; a dev broker starts smaller and may grow to it.
const heap = ["-Xms256m", "-Xmx1g"]
const jvmDefaults = ["-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-Djava.awt.headless=true"]

// The format tool runs for about a second: the C1 compiler alone and the serial collector halve that.
const shortLivedJvm = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]

/** `kafka.tools.StorageTool format`'s arguments: writes meta.properties and the bootstrap metadata. */
export const formatArgs = (
  launch: JavaLaunch,
  run: RunDirectory,
  clusterId: string,
  scramUsers: ReadonlyArray<ScramUser> = []
): ReadonlyArray<string> => [
  ...shortLivedJvm,
  ...launch.jvmOptions,
  "-cp",
  launch.classpath,
  "kafka.tools.StorageTool",
  "format",
  "--cluster-id",
  clusterId,
  "--config",
  run.propertiesFile,
  // SCRAM credentials live in the KRaft metadata: written here, before the first start (KIP-900).
  ...scramUsers.flatMap(({ username, password }) => ["--add-scram", `SCRAM-SHA-512=[name=${username},password=${password}]`])
]

/** A SASL/SCRAM-SHA-512 user of the broker's SASL_SSL listener. */
export interface ScramUser {
  readonly username: string
  readonly password: string
}

/**
 * Starts `kafka.Kafka server.properties` with its console output in the run directory. An attached
 * broker stays in our process group, so a Ctrl-C on a test run reaches it too; a detached one
 * outlives us (the CLI's background broker).
 */
export const spawnBroker = (launch: JavaLaunch, run: RunDirectory, detached: boolean): number => {
  const output = openSync(run.consoleLog, "a")
  const child = spawn(
    launch.java,
    [...heap, ...jvmDefaults, ...launch.jvmOptions, "-cp", launch.classpath, "kafka.Kafka", run.propertiesFile],
    { detached, stdio: ["ignore", output, output] }
  )
  closeSync(output)
  child.on("error", () => undefined) // reported as "exited before ready" by the readiness check
  // Never hold our event loop open: `stop()` or the owner's exit ends an attached broker.
  child.unref()
  if (child.pid === undefined) throw new Error(`cannot start ${launch.java}`)
  return child.pid
}

export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as { readonly code?: string }).code === "EPERM"
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Resolves true once `pid` has exited, false if it is still alive after `timeoutMs`. */
export const waitForExit = async (pid: number, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false
    await sleep(100)
  }
  return true
}

/** The process's full command line, or "" if it has gone (`ps -ww`: never cut to the terminal width). */
export const commandLineOf = (pid: number) =>
  new Promise<string>((resolve) => {
    execFile("ps", ["-ww", "-p", String(pid), "-o", "args="], (error, stdout) => resolve(error === null ? stdout.trim() : ""))
  })

/**
 * SIGTERM is Kafka's controlled shutdown (it flushes and closes the log cleanly); SIGKILL only if
 * that has not finished in 30 s.
 */
export const terminate = async (pid: number): Promise<void> => {
  if (!isAlive(pid)) return
  process.kill(pid, "SIGTERM")
  if (await waitForExit(pid, 30_000)) return
  process.kill(pid, "SIGKILL")
  await waitForExit(pid, 10_000)
}
