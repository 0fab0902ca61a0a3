import { Context, Effect, Layer } from "effect"
import type { KeyActors } from "@trent/key-actors"
import { Region, type RegionOptions } from "../Region.ts"
import type { RegionApi } from "../RegionApi.ts"
import { RequestContext, systemRequest } from "@trent/key-actors"
import type { PreparedStore, StoreServices } from "./StoreUnderTest.test-support.ts"

export const conformanceRegion: RegionOptions = {
  region: "eu-west-1",
  account: "111122223333",
  schedulerIntervalMs: 3_600_000
}

/**
 * Runs `program` in one Region "process" on the prepared store: open the
 * stores, build the Region on them (with the test's clock), run, close.
 */
export const inRegionOn = <A, E>(
  prepared: PreparedStore,
  program: Effect.Effect<A, E, Region | KeyActors | StoreServices>,
  options: Partial<RegionOptions> = {}
): Effect.Effect<A, E | unknown> =>
  Effect.acquireUseRelease(
    Effect.promise(() => prepared.open()),
    (opened) =>
      Effect.scoped(Effect.provideService(Effect.provide(
        program,
        Region.layerWithoutStores.pipe(
          Layer.provideMerge(Region.memoryAudit(options.region ?? conformanceRegion.region)),
          Layer.provideMerge(Region.config({ ...conformanceRegion, ...options })),
          Layer.provideMerge(Layer.succeedContext(opened.context))
        )
      ), RequestContext, systemRequest("test"))),
    (opened) => Effect.promise(() => opened.close())
  )

/** A whole test on a fresh store: prepare, run, dispose. */
export const onFreshStore = <A, E>(
  prepare: () => Promise<PreparedStore>,
  use: (prepared: PreparedStore) => Effect.Effect<A, E>
): Effect.Effect<A, E | unknown> =>
  Effect.acquireUseRelease(
    Effect.promise(prepare),
    use,
    (prepared) => Effect.promise(() => prepared.dispose())
  )

/**
 * Runs `program` with two Region "processes" on the prepared store at once
 * (two servers sharing it): each opens the stores itself and follows the log.
 */
export const inTwoRegionsOn = <A, E>(
  prepared: PreparedStore,
  program: (a: RegionApi, b: RegionApi) => Effect.Effect<A, E>,
  options: Partial<RegionOptions> = {}
): Effect.Effect<A, E | unknown> =>
  Effect.scoped(Effect.gen(function*() {
    const open = Effect.gen(function*() {
      const opened = yield* Effect.acquireRelease(Effect.promise(() => prepared.open()), (o) => Effect.promise(() => o.close()))
      const context = yield* Layer.build(Region.layerWithoutStores.pipe(
        Layer.provideMerge(Region.memoryAudit(options.region ?? conformanceRegion.region)),
        Layer.provideMerge(Region.config({ ...conformanceRegion, ...options })),
        Layer.provideMerge(Layer.succeedContext(opened.context))
      ))
      return Context.get(context, Region)
    })
    const a = yield* open
    const b = yield* open
    return yield* program(a, b)
  })).pipe(Effect.provideService(RequestContext, systemRequest("test")))
