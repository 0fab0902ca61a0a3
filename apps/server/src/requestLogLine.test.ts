import { Effect, Logger } from "effect"
import { describe, expect, it } from "vitest"
import { logRequest, type RequestLogFields } from "./requestLogLine.ts"

const fields = (status: number): RequestLogFields => ({ requestId: "r", operation: "Encrypt", outcome: status < 400 ? "success" : "failure", status, durationMs: 1.5 })

const logged = async (status: number, sample: number, draw: number) => {
  const lines: Array<string> = []
  const keep = Logger.make((options) => void lines.push(`${options.logLevel} ${String((options.message as Array<unknown>)[0])}`))
  await Effect.runPromise(logRequest(fields(status), sample, () => draw).pipe(Effect.provide(Logger.layer([keep]))))
  return lines
}

describe("request log lines", () => {
  it("log successful requests at info, sampled: every one at 1, none at 0, those drawn under the share otherwise", async () => {
    expect(await logged(200, 1, 0.99)).toEqual(["Info request"])
    expect(await logged(200, 0, 0)).toEqual([])
    expect(await logged(200, 0.1, 0.05)).toEqual(["Info request"])
    expect(await logged(200, 0.1, 0.5)).toEqual([])
  })

  it("log every refused request at info and every server failure at error, whatever the sample", async () => {
    expect(await logged(400, 0, 0.99)).toEqual(["Info request"])
    expect(await logged(500, 0, 0.99)).toEqual(["Error request"])
  })
})
