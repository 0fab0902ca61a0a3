import { Cause, Effect, Logger, References } from "effect"
import { describe, expect, it } from "vitest"
import { flatLogEntry } from "./flatJsonLogger.ts"

/** Runs `effect` with a logger that keeps each entry as the flat object the server writes. */
const entriesOf = async (effect: Effect.Effect<unknown>) => {
  const entries: Array<Record<string, unknown>> = []
  const keep = Logger.make((options) => void entries.push(flatLogEntry(options)))
  await Effect.runPromise(effect.pipe(Effect.provide(Logger.layer([keep])), Effect.provideService(References.MinimumLogLevel, "Trace")))
  return entries
}

describe("the server's log lines", () => {
  it("are flat: time, level, message, and the fields at the top level; no fiber ids, spans or arrays", async () => {
    const [entry] = await entriesOf(
      Effect.logInfo("seed applied", { keysCreated: 2 }).pipe(Effect.annotateLogs({ region: "eu-west-1" }), Effect.withLogSpan("start"))
    )
    expect(entry).toEqual({ time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), level: "info", message: "seed applied", region: "eu-west-1", keysCreated: 2 })
  })

  it("name the level in lower case, keep text parts in one message, and never let a field replace a fixed member", async () => {
    const entries = await entriesOf(Effect.all([
      Effect.logWarning("worker", 2, "exited"),
      Effect.logDebug("request", { message: "from a field", level: "x", status: 200 }),
      Effect.logError("failed", new Error("boom"))
    ]))
    expect(entries.map((e) => e["level"])).toEqual(["warn", "debug", "error"])
    expect(entries[0]!["message"]).toBe("worker 2 exited")
    expect(entries[1]).toMatchObject({ message: "request", "field.message": "from a field", "field.level": "x", status: 200 })
    expect(entries[2]!["message"]).toBe("failed boom")
  })

  it("carry a cause as one `error` string", async () => {
    const [entry] = await entriesOf(Effect.logError("request failed with a defect", Cause.die(new Error("broken invariant"))))
    expect(Object.keys(entry!)).toEqual(["time", "level", "message", "error"])
    expect(entry!["error"]).toMatch(/broken invariant/)
  })
})
