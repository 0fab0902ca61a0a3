import { it } from "@effect/vitest"
import { Effect, Option, type Layer } from "effect"
import { describe, expect } from "vitest"
import type { EventLogFailure } from "../EventLogFailure.ts"
import { expectInvalidInput } from "./expectInvalidInput.test-support.ts"
import { Keyvault } from "../Keyvault.ts"

/** The behaviour every Keyvault adapter shares; called with a factory for a fresh, empty keyvault. */
export const keyvaultContract = (fresh: () => Layer.Layer<Keyvault, EventLogFailure>): void => {
  const test = (name: string, body: Effect.Effect<void, unknown, Keyvault>) =>
    it.effect(name, () => Effect.provide(body, fresh()))

  describe("Keyvault", () => {
    test("gives back the bytes put under a key id, and None for an unknown one", Effect.gen(function*() {
      const vault = yield* Keyvault
      yield* vault.put("k1", Uint8Array.of(1, 2, 3))
      expect(yield* vault.get("k1")).toEqual(Option.some(Uint8Array.of(1, 2, 3)))
      expect(yield* vault.get("k2")).toEqual(Option.none())
    }))

    test("replaces the KEK of a key id on a second put", Effect.gen(function*() {
      const vault = yield* Keyvault
      yield* vault.put("k1", Uint8Array.of(1, 2, 3))
      yield* vault.put("k1", Uint8Array.of(9))
      expect(yield* vault.get("k1")).toEqual(Option.some(Uint8Array.of(9)))
    }))

    test("hands out copies: changing the put or the got array changes nothing stored", Effect.gen(function*() {
      const vault = yield* Keyvault
      const kek = Uint8Array.of(1, 2, 3)
      yield* vault.put("k1", kek)
      kek.fill(0)
      Option.getOrThrow(yield* vault.get("k1")).fill(7)
      expect(yield* vault.get("k1")).toEqual(Option.some(Uint8Array.of(1, 2, 3)))
    }))

    test("removes a KEK for good, leaves the others, and accepts removing an absent one", Effect.gen(function*() {
      const vault = yield* Keyvault
      yield* vault.put("k1", Uint8Array.of(1))
      yield* vault.put("k2", Uint8Array.of(2))
      yield* vault.remove("k1")
      yield* vault.remove("k1")
      yield* vault.remove("never-stored")
      expect(yield* vault.get("k1")).toEqual(Option.none())
      expect(yield* vault.get("k2")).toEqual(Option.some(Uint8Array.of(2)))
    }))

    test("lists the ids of every stored entry, sorted, without the removed ones", Effect.gen(function*() {
      const vault = yield* Keyvault
      expect(yield* vault.ids()).toEqual([])
      for (const id of ["k2", "trent:root-key-check", "k1", "k3"]) yield* vault.put(id, Uint8Array.of(1))
      yield* vault.put("k1", Uint8Array.of(2))
      yield* vault.remove("k3")
      expect(yield* vault.ids()).toEqual(["k1", "k2", "trent:root-key-check"])
    }))

    test("dies with InvalidEventLogInput on an empty key id or an empty KEK", Effect.gen(function*() {
      const vault = yield* Keyvault
      yield* expectInvalidInput(vault.put("", Uint8Array.of(1)), /keyId must be a non-empty string/)
      yield* expectInvalidInput(vault.put("k1", new Uint8Array(0)), /wrappedKek must be a non-empty Uint8Array/)
      yield* expectInvalidInput(vault.get(""), /keyId must be a non-empty string/)
    }))
  })
}
