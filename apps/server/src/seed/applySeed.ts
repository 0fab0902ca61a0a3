import { type RegionError, RequestContext, type SeedOutcome, systemRequest } from "@trent/runtime"
import { Data, Effect } from "effect"
import type { Regions } from "../Regions.ts"
import type { SeedEntry } from "./seedFile.ts"

/** A seeded key the Region refused (a spec and usage that do not go together, a bad policy…): the server does not start. */
export class SeedRefused extends Data.TaggedError("SeedRefused")<{ readonly message: string }> {}

const refused = (keyId: string, what: string) => (error: unknown) =>
  new SeedRefused({
    message: `the seed's key ${keyId}: ${what} was refused: ${(error as RegionError | undefined)?._tag ?? "error"}: ${(error as { message?: string } | undefined)?.message ?? String(error)}`
  })

/**
 * Applies a seed to the default account's Regions, as Trent itself (no policy
 * is consulted; events name `trent:seed`): each key created unless its Region
 * has it, each alias created unless it exists. Idempotent: applying it again,
 * at every start, changes nothing, and keys or aliases users changed since are
 * left as they are.
 */
export const applySeed = (entries: ReadonlyArray<SeedEntry>, regions: Regions["Service"], account: string) =>
  Effect.gen(function*() {
    const counts: Record<SeedOutcome, number> = { created: 0, present: 0 }
    let aliasesCreated = 0
    for (const { region, key, aliases } of entries) {
      const api = yield* regions.get(account, region)
      if (api === undefined) return yield* new SeedRefused({ message: `the seed's key ${key.keyId}: Region ${region} is not hosted` })
      counts[yield* api.seedKey(key).pipe(Effect.mapError(refused(key.keyId, "creating it")))]++
      for (const aliasName of aliases) {
        const created = yield* api.createAlias({ aliasName, targetKeyId: key.keyId }).pipe(
          Effect.as(true),
          Effect.catchTag("AliasAlreadyExists", () => Effect.succeed(false)),
          Effect.mapError(refused(key.keyId, `its alias ${aliasName}`))
        )
        if (created) aliasesCreated++
      }
    }
    yield* Effect.logInfo("seed applied").pipe(
      Effect.annotateLogs({ keysCreated: counts.created, keysPresent: counts.present, aliasesCreated })
    )
    return { ...counts, aliasesCreated }
  }).pipe(Effect.provideService(RequestContext, systemRequest("seed")))
