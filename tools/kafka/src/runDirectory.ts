import { mkdirSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

/**
 * Everything one broker run owns, in one directory that stopping removes: its config, its KRaft
 * log directory, its logs and the pid files that let another process find and stop it.
 */
export interface RunDirectory {
  readonly root: string
  readonly dataDir: string
  readonly propertiesFile: string
  readonly serverLog: string
  /** The JVM's own stdout and stderr (crashes before logging starts, e.g. a bad JVM option). */
  readonly consoleLog: string
  readonly formatLog: string
  readonly brokerPidFile: string
  /** The node process that started an attached broker; absent for a background (CLI) broker. */
  readonly ownerPidFile: string
  /** `host:port`, written once the broker is ready. */
  readonly brokersFile: string
}

/** Broker data is scratch: it lives under the OS temp directory, apart from the jar cache. */
export const defaultRunRoot = (): string => join(tmpdir(), "trent-kafka")

export const runDirectoryAt = (root: string): RunDirectory => ({
  root,
  dataDir: join(root, "data"),
  propertiesFile: join(root, "server.properties"),
  serverLog: join(root, "logs", "server.log"),
  consoleLog: join(root, "logs", "console.log"),
  formatLog: join(root, "logs", "format.log"),
  brokerPidFile: join(root, "broker.pid"),
  ownerPidFile: join(root, "owner.pid"),
  brokersFile: join(root, "brokers")
})

/** A fresh run directory: `name` for a well-known one (the CLI's), else a unique one. */
export const createRunDirectory = (runRoot: string, name?: string): RunDirectory => {
  mkdirSync(runRoot, { recursive: true })
  const root = name === undefined ? mkdtempSync(join(runRoot, "run-")) : join(runRoot, name)
  mkdirSync(join(root, "logs"), { recursive: true })
  mkdirSync(join(root, "data"), { recursive: true })
  return runDirectoryAt(root)
}
