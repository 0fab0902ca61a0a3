import { Effect } from "effect"
import { type AsymmetricKeyPair, generateAsymmetricKeyPair } from "./AsymmetricKeyGeneration.ts"
import { asymmetricKeySpecs, type AsymmetricKeySpec } from "./AsymmetricKeySpec.ts"
import { AsymmetricPrivateKey } from "./AsymmetricPrivateKey.ts"

/** A generated key pair and its resident private key, for one spec. */
export interface TestKey {
  readonly spec: AsymmetricKeySpec
  readonly pair: AsymmetricKeyPair
  readonly key: AsymmetricPrivateKey
}

export const testKey = (spec: AsymmetricKeySpec): Promise<TestKey> =>
  Effect.runPromise(
    Effect.gen(function*() {
      const pair = yield* generateAsymmetricKeyPair(spec)
      const key = yield* AsymmetricPrivateKey.fromPkcs8(spec, pair.privateKey)
      return { spec, pair, key }
    })
  )

/** One key per spec, generated concurrently (RSA_4096 takes the longest, on libuv's pool). */
export const testKeysForEverySpec = async (): Promise<ReadonlyMap<AsymmetricKeySpec, TestKey>> =>
  new Map((await Promise.all(asymmetricKeySpecs.map(testKey))).map((key) => [key.spec, key]))
