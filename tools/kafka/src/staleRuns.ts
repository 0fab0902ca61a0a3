import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { join } from "node:path"
import { commandLineOf, isAlive, terminate } from "./brokerProcess.ts"
import { type RunDirectory, runDirectoryAt } from "./runDirectory.ts"

const pidIn = (file: string): number | undefined => {
  if (!existsSync(file)) return undefined
  const pid = Number(readFileSync(file, "utf8").trim())
  return Number.isInteger(pid) && pid > 0 ? pid : undefined
}

export const brokerPidOf = (run: RunDirectory): number | undefined => pidIn(run.brokerPidFile)

/** The broker recorded in `run` when it is alive and really that run's broker (pids get reused). */
export const liveBrokerOf = async (run: RunDirectory): Promise<number | undefined> => {
  const pid = brokerPidOf(run)
  if (pid === undefined || !isAlive(pid)) return undefined
  return (await commandLineOf(pid)).includes(run.propertiesFile) ? pid : undefined
}

/**
 * Removes the runs whose owning process died without calling `stop()` (a killed test runner),
 * stopping their broker first. Runs without an owner are background brokers, left to `kafka:stop`;
 * runs whose owner lives belong to a concurrent test process.
 */
export const sweepStaleRuns = async (runRoot: string): Promise<void> => {
  if (!existsSync(runRoot)) return
  for (const name of readdirSync(runRoot)) {
    const run = runDirectoryAt(join(runRoot, name))
    const owner = pidIn(run.ownerPidFile)
    if (owner === undefined || isAlive(owner)) continue
    const broker = await liveBrokerOf(run)
    if (broker !== undefined) await terminate(broker)
    rmSync(run.root, { recursive: true, force: true })
  }
}
