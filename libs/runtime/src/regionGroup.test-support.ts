import { WebCrypto } from "@trent/crypto"
import { EventLog, Keyvault, RootKey } from "@trent/event-log"
import { Context, Effect, Layer } from "effect"
import { Region } from "./Region.ts"
import type { RegionApi } from "./RegionApi.ts"
import { ReplicationPeers } from "@trent/replication"
import { asTestRegion, regionOptions, testRootKey } from "./regionFixtures.test-support.ts"

/**
 * Several Regions of one account in one scope, each on its own memory stores
 * (log, keyvault, audit), reaching each other only through ReplicationPeers —
 * as one server process hosts them.
 */
export const regionGroup = (names: ReadonlyArray<string>, unreachable: Set<string> = new Set()) =>
  Effect.gen(function*() {
    const apis = new Map<string, RegionApi>()
    // A Region named in `unreachable` fails every call from its siblings, as a store that is down would.
    const peers = Layer.succeed(ReplicationPeers, {
      regions: names,
      peer: (name: string) =>
        unreachable.has(name) ? Effect.fail(new Error(`${name} is unreachable`)) : Effect.succeed(apis.get(name)?.replication)
    })
    for (const name of names) {
      const layer = Region.layerWithoutStores.pipe(
        Layer.provideMerge(Region.memoryAudit(name)),
        Layer.provideMerge(Region.config({ ...regionOptions, region: name })),
        Layer.provideMerge(Layer.mergeAll(
          EventLog.layerMemory({ region: name }),
          Keyvault.layerMemory,
          RootKey.layerTest(testRootKey),
          WebCrypto.layer
        )),
        Layer.provide(peers)
      )
      apis.set(name, Context.get(yield* Layer.build(layer), Region))
    }
    return (name: string): RegionApi => asTestRegion(apis.get(name)!)
  })
