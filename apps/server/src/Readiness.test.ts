import { describe, expect, it } from "vitest"
import { judgeReadiness } from "./Readiness.ts"

const bounds = { maxLagMs: 1_000, timeoutMs: 500 }
const report = (applied: number, p99: number) => ({ applied, lagMillis: { p50: p99 / 2, p99, max: p99, window: applied } })

describe("a Region's readiness", () => {
  it("is false with the store's reason when the store did not answer", () => {
    expect(judgeReadiness({ ok: false, reason: "the store cannot take writes: no brokers" }, report(0, 0), undefined, bounds))
      .toEqual({ ready: false, reason: "the store cannot take writes: no brokers" })
  })
  it("is false while recent changes of other writers lag beyond the bound", () => {
    const verdict = judgeReadiness({ ok: true }, report(10, 1_500), 5, bounds)
    expect(verdict.ready).toBe(false)
    expect(verdict.reason).toMatch(/1500 ms \(p99\).*1000 ms bound/)
  })
  it("is true when the lag is within the bound, or stale (no new changes since the last look)", () => {
    expect(judgeReadiness({ ok: true }, report(10, 900), 5, bounds)).toEqual({ ready: true })
    expect(judgeReadiness({ ok: true }, report(10, 5_000), 10, bounds)).toEqual({ ready: true })
    expect(judgeReadiness({ ok: true }, report(0, 0), undefined, bounds)).toEqual({ ready: true })
  })
})
