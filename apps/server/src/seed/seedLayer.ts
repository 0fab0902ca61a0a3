import { Credentials } from "@trent/auth"
import { Effect, Layer } from "effect"
import { Regions } from "../Regions.ts"
import type { ServerSettings } from "../ServerConfig.ts"
import { isWorkerProcess } from "../Workers.ts"
import { applySeed } from "./applySeed.ts"
import { readSeedFile } from "./seedFile.ts"

/**
 * Under `--workers N` the first worker starts alone, before the others
 * (Workers.ts): it applies the seed, once, and the others find it applied in
 * the store rather than racing to create the same keys.
 */
export const appliesSeed = (env: Record<string, string | undefined> = process.env): boolean =>
  !isWorkerProcess() || env["TRENT_WORKER"] === "1"

/** Reads the seed file only to check it, so a bad one stops `npm start`/`trent serve` as a configuration error (one line, exit 2) before anything starts. */
export const checkSeedFile = (settings: Pick<ServerSettings, "seedFile" | "regions" | "devMode">): void => {
  if (settings.seedFile !== undefined) readSeedFile(settings.seedFile, { regions: settings.regions, devMode: settings.devMode })
}

/**
 * What a dev reset runs once the Regions are empty again: the seed file, read
 * and applied anew (local-kms's seed is there after a restart; a reset is the
 * same fresh start). Undefined without `--seed`.
 */
export const reseedAfterReset = (settings: Pick<ServerSettings, "seedFile" | "regions" | "devMode">, account: string) => {
  const file = settings.seedFile
  if (file === undefined) return undefined
  return (regions: Regions["Service"]) =>
    Effect.flatMap(
      Effect.try({ try: () => readSeedFile(file, { regions: settings.regions, devMode: settings.devMode }), catch: (error) => error as Error }),
      (entries) => applySeed(entries, regions, account)
    )
}

/** `--seed FILE`: read (a bad file stops the start, naming what is wrong) and applied to the default account's Regions. */
export const seedLayer = (settings: Pick<ServerSettings, "seedFile" | "regions" | "devMode">) =>
  Layer.effectDiscard(Effect.gen(function*() {
    const file = settings.seedFile
    if (file === undefined || !appliesSeed()) return
    const entries = yield* Effect.try({
      try: () => readSeedFile(file, { regions: settings.regions, devMode: settings.devMode }),
      catch: (error) => error as Error
    })
    const account = (yield* Credentials).defaultAccountId
    yield* applySeed(entries, yield* Regions, account)
  }))
