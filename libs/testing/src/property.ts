import * as fc from "fast-check"

/**
 * Runs a fast-check property with a seed that is always printed, so any run —
 * failing or not — can be replayed with `TRENT_FC_SEED=<seed>`.
 * CI runs at least 200 cases per property (`TRENT_FC_RUNS` may raise it).
 */
export const propertyRuns = (minimum = 200): number =>
  Math.max(minimum, Number(process.env["TRENT_FC_RUNS"] ?? 0))

export const propertySeed = (): number => {
  const fromEnv = process.env["TRENT_FC_SEED"]
  return fromEnv === undefined ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0 : Number(fromEnv)
}

export interface CheckOptions {
  readonly numRuns?: number
  readonly seed?: number
  /** Known failing seeds kept as regression cases: each is run before the random seed. */
  readonly regressionSeeds?: ReadonlyArray<number>
}

const runWithSeed = async <Ts>(
  name: string,
  property: fc.IAsyncPropertyWithHooks<Ts> | fc.IPropertyWithHooks<Ts>,
  numRuns: number,
  seed: number
): Promise<void> => {
  console.log(`[property] ${name}: seed=${seed} runs=${numRuns}`)
  await fc.assert(property as fc.IAsyncPropertyWithHooks<Ts>, { numRuns, seed })
}

export const checkProperty = async <Ts>(
  name: string,
  property: fc.IAsyncPropertyWithHooks<Ts> | fc.IPropertyWithHooks<Ts>,
  options: CheckOptions = {}
): Promise<void> => {
  const numRuns = options.numRuns ?? propertyRuns()
  for (const seed of options.regressionSeeds ?? []) {
    await runWithSeed(`${name} (regression)`, property, numRuns, seed)
  }
  await runWithSeed(name, property, numRuns, options.seed ?? propertySeed())
}
