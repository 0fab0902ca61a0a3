import { it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { describe, expect } from "vitest"
import { AuditLog } from "./AuditLog.ts"
import { AuditSigner } from "./AuditSigner.ts"
import { makeTestSigner, region, sampleInput } from "./auditFixtures.test-support.ts"
import { auditLogContract } from "./contract/auditLogContract.test-support.ts"
import { makeMemoryAuditStore } from "./MemoryAuditStore.ts"

describe("AuditLog over the memory store", () => {
  auditLogContract(() => {
    const store = makeMemoryAuditStore({ region })
    const signer = Layer.succeed(AuditSigner, makeTestSigner())
    return (options) => AuditLog.layerStore(Effect.succeed(store), { region, ...options }).pipe(Layer.provide(signer))
  })
})

describe("AuditLog.layerMemory", () => {
  it.effect("gives a fresh, empty log of the Region, signed by the AuditSigner it is given", () =>
    Effect.gen(function*() {
      const log = yield* AuditLog
      expect(log.region).toBe(region)
      expect(yield* log.read()).toEqual([])
      yield* log.append(sampleInput(0))
      expect(yield* log.verify(log.publicKey)).toMatchObject({ ok: true, records: 1 })
    }).pipe(Effect.provide(AuditLog.layerMemory({ region }).pipe(Layer.provide(Layer.succeed(AuditSigner, makeTestSigner()))))))
})
