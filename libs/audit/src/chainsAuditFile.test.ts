import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { makeTestSigner, region } from "./auditFixtures.test-support.ts"
import { buildLog, copyOf } from "./auditLogBuilder.test-support.ts"
import { chainsAuditFile } from "./chainsAuditFile.ts"

const signer = makeTestSigner()
const first = buildLog(6, signer, 4)
const second = buildLog(3, signer, 2)

describe("chainsAuditFile", () => {
  it("verifies each writer's chain on its own and sums them, as the audit files do", async () => {
    const trail = chainsAuditFile(region, new Map([["a", first], ["b", second]]))
    expect(trail.chains).toBe(2)
    expect(await Effect.runPromise(trail.verify(signer.publicKey))).toMatchObject({ ok: true, records: 9, checkpoints: 2 })
  })

  it("names the writer and the seq of an edited entry", async () => {
    const edited = copyOf(second)
    ;(edited[1]!["record"] as Record<string, unknown>)["eventName"] = "Decrypt"
    const report = await Effect.runPromise(chainsAuditFile(region, new Map([["a", first], ["b", edited]])).verify(signer.publicKey))
    expect(report).toMatchObject({ ok: false, firstBadSeq: 2, problem: "edited" })
    expect(report.ok === false && report.detail).toMatch(/^writer b: /)
  })

  it("reads the records of every chain, leaving what is not a record to verify", async () => {
    const trail = chainsAuditFile(region, new Map([["a", first], ["b", [...second, { kind: "record", seq: 4 }]]]))
    expect(await Effect.runPromise(trail.read())).toHaveLength(9)
    expect((await Effect.runPromise(trail.verify(signer.publicKey))).ok).toBe(false)
  })
})
