import { Registry } from "prom-client"
import { describe, expect, it } from "vitest"
import { parseExposition, samplesOf } from "./exposition.test-support.ts"
import { RequestMetrics } from "./RequestMetrics.ts"

const render = async (record: (metrics: RequestMetrics) => void) => {
  const registry = new Registry()
  record(new RequestMetrics(registry))
  return registry.metrics()
}

describe("RequestMetrics", () => {
  it("counts requests by operation and outcome, errors by operation and code, and latency per operation", async () => {
    const { samples, types } = parseExposition(await render((metrics) => {
      metrics.record("Encrypt", "Success", 0.002)
      metrics.record("Encrypt", "Success", 0.004)
      metrics.record("Encrypt", "DisabledException", 0.0003)
      metrics.record("ListKeys", "Success", 3)
    }))
    expect(types.get("trent_requests_total")).toBe("counter")
    expect(types.get("trent_request_errors_total")).toBe("counter")
    expect(types.get("trent_request_duration_seconds")).toBe("histogram")
    expect(samplesOf(samples, "trent_requests_total", { operation: "Encrypt", outcome: "Success" })[0]?.value).toBe(2)
    expect(samplesOf(samples, "trent_requests_total", { operation: "Encrypt", outcome: "DisabledException" })[0]?.value).toBe(1)
    // Successes are no errors: only the failed Encrypt is there.
    expect(samplesOf(samples, "trent_request_errors_total").map(({ labels, value }) => ({ labels, value }))).toEqual([
      { labels: { operation: "Encrypt", code: "DisabledException" }, value: 1 }
    ])
    expect(samplesOf(samples, "trent_request_duration_seconds_count", { operation: "Encrypt" })[0]?.value).toBe(3)
    expect(samplesOf(samples, "trent_request_duration_seconds_bucket", { operation: "Encrypt", le: "0.0005" })[0]?.value).toBe(1)
    expect(samplesOf(samples, "trent_request_duration_seconds_bucket", { operation: "ListKeys", le: "2.5" })[0]?.value).toBe(0)
    expect(samplesOf(samples, "trent_request_duration_seconds_bucket", { operation: "ListKeys", le: "+Inf" })[0]?.value).toBe(1)
  })

  it("escapes a label value holding a double quote, a backslash and a newline: the exposition stays valid and reads back the same", async () => {
    const operation = "Evil\"Op\\with\nnewline"
    const text = await render((metrics) => metrics.record(operation, "Bad\"Code\\\n", 0.01))
    expect(text).toContain(String.raw`operation="Evil\"Op\\with\nnewline"`)
    const { samples } = parseExposition(text)
    expect(samplesOf(samples, "trent_requests_total", { operation, outcome: "Bad\"Code\\\n" })[0]?.value).toBe(1)
    expect(samplesOf(samples, "trent_request_errors_total", { operation, code: "Bad\"Code\\\n" })[0]?.value).toBe(1)
    expect(samplesOf(samples, "trent_request_duration_seconds_count", { operation })[0]?.value).toBe(1)
  })

  it("is refused by the parser when a label value is not escaped (the test's parser is strict)", () => {
    const raw = "# TYPE x counter\nx{operation=\"a\"b\"} 1\n"
    expect(() => parseExposition(raw)).toThrow(/not valid exposition format/)
    expect(() => parseExposition("# TYPE x counter\nx{operation=\"a\nb\"} 1\n")).toThrow(/not valid/)
  })
})
