import { Effect } from "effect"
import { WebCrypto } from "./WebCrypto.ts"

/**
 * Runs an effect that needs WebCrypto as a Promise, for fast-check's async
 * properties (the tests' `it.effect` cases provide `WebCrypto.layer` instead).
 */
export const runWithWebCrypto = <A, E>(effect: Effect.Effect<A, E, WebCrypto>): Promise<A> =>
  Effect.runPromise(Effect.provide(effect, WebCrypto.layer))

/** The typed failure of an effect that must fail; a success or a defect rejects. */
export const failureWithWebCrypto = <A, E>(effect: Effect.Effect<A, E, WebCrypto>): Promise<E> =>
  runWithWebCrypto(Effect.flip(effect))
