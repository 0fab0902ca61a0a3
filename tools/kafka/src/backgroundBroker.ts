import { readFileSync, rmSync } from "node:fs"
import { join } from "node:path"
import { terminate } from "./brokerProcess.ts"
import { defaultRunRoot, type RunDirectory, runDirectoryAt } from "./runDirectory.ts"
import { liveBrokerOf } from "./staleRuns.ts"
import { startKafka, type StartKafkaOptions } from "./startKafka.ts"

/**
 * The one broker `npm run kafka:start` leaves running for development, in a well-known run
 * directory (`$TMPDIR/trent-kafka/background`) so that `kafka:stop`, from any shell, finds it.
 */
const backgroundRun = (): RunDirectory => runDirectoryAt(join(defaultRunRoot(), "background"))

const recordedBrokers = (run: RunDirectory): string | undefined => {
  try {
    return readFileSync(run.brokersFile, "utf8").trim()
  } catch {
    return undefined
  }
}

/** Starts the background broker, or returns the running one: starting twice is not an error. */
export const startBackgroundKafka = async (options: Pick<StartKafkaOptions, "version" | "progress"> = {}): Promise<string> => {
  const run = backgroundRun()
  const running = await liveBrokerOf(run)
  const brokers = recordedBrokers(run)
  if (running !== undefined && brokers !== undefined) return brokers
  if (running !== undefined) await terminate(running) // a start that never became ready
  rmSync(run.root, { recursive: true, force: true })
  const broker = await startKafka({ ...options, detached: true, runName: "background" })
  return broker.brokers
}

/** Stops the background broker and removes its run directory. False when none was running. */
export const stopBackgroundKafka = async (): Promise<boolean> => {
  const run = backgroundRun()
  const running = await liveBrokerOf(run)
  if (running !== undefined) await terminate(running)
  rmSync(run.root, { recursive: true, force: true })
  return running !== undefined
}
