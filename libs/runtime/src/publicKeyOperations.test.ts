import { assert, describe, it } from "@effect/vitest"
import { generateKeyPairSync } from "node:crypto"
import { Effect } from "effect"
import { inRegionOn, memoryStore, onFreshStore } from "./conformance/index.test-support.ts"
import { Region } from "./Region.ts"

const inRegion = <A, E>(program: Effect.Effect<A, E, Region>) =>
  onFreshStore(memoryStore.prepare, (prepared) => inRegionOn(prepared, program))

describe("DeriveSharedSecret", () => {
  it.effect("refuses a PublicKey that is no usable point with a ValidationException whose message is empty, as AWS does", () =>
    inRegion(Effect.gen(function*() {
      const region = yield* Region
      const key = yield* region.createKey({ keySpec: "ECC_NIST_P256", keyUsage: "KEY_AGREEMENT" })
      const otherCurve = generateKeyPairSync("ec", { namedCurve: "secp384r1" }).publicKey.export({ format: "der", type: "spki" })
      for (const publicKey of [new Uint8Array([1, 2, 3, 4]), new Uint8Array(otherCurve)]) {
        const error = yield* Effect.flip(region.deriveSharedSecret({ keyId: key.keyId, keyAgreementAlgorithm: "ECDH", publicKey }))
        assert.deepStrictEqual([error._tag, error.message], ["InvalidRequest", ""])
      }
    })))
})
