import { randomUUID } from "node:crypto"
import { EventLog } from "@trent/event-log"
import { Effect, Option } from "effect"
import { describe, expect, it } from "vitest"
import { eventsOfRequest, logEnd } from "./logScan.ts"

/** A memory log with `count` one-event appends; event n carries requestId `r<n>`. */
const logWith = (count: number) =>
  Effect.gen(function*() {
    const log = yield* EventLog
    for (let n = 1; n <= count; n++) {
      const streamId = `k${n % 3}`
      yield* log.append({
        streamId,
        streamType: "key",
        expectedSeq: Option.match(yield* log.readState(streamId), { onNone: () => 0, onSome: (state) => state.seq }),
        events: [{ eventId: randomUUID(), type: "KeyTagged", schemaVersion: 1, at: n, principal: "p", requestId: `r${n}`, commandId: randomUUID(), payload: {} }],
        state: {},
        dueAt: null
      })
    }
    return log
  }).pipe(Effect.provide(EventLog.layerMemory({ region: "eu-west-1" })))

describe("reading a Region's log for a request", () => {
  it("finds where the log ends with a few one-row reads, from nothing or from a point it had reached", async () => {
    const log = await Effect.runPromise(logWith(0))
    expect(await Effect.runPromise(logEnd(log, { position: 0, eventId: null }))).toEqual({ position: 0, eventId: null })
    const full = await Effect.runPromise(logWith(37))
    const end = await Effect.runPromise(logEnd(full, { position: 0, eventId: null }))
    expect(end.position).toBe(37)
    const [last] = await Effect.runPromise(full.readAll(36, 1))
    expect(end.eventId).toBe(last!.eventId)
    const [tenth] = await Effect.runPromise(full.readAll(9, 1))
    expect(await Effect.runPromise(logEnd(full, { position: 10, eventId: tenth!.eventId }))).toEqual(end)
  })

  it("finds a request's events after a mark, and none of those before it", async () => {
    const log = await Effect.runPromise(logWith(20))
    const [tenth] = await Effect.runPromise(log.readAll(9, 1))
    const mark = { position: 10, eventId: tenth!.eventId }
    const after = await Effect.runPromise(eventsOfRequest(log, mark, "r15"))
    expect([after.events.map((e) => e.requestId), after.fullScan]).toEqual([["r15"], false])
    expect((await Effect.runPromise(eventsOfRequest(log, mark, "r5"))).events).toEqual([])
  })

  it("reads the whole log when the mark names another copy's event (a Kafka replica numbers positions its own way)", async () => {
    const log = await Effect.runPromise(logWith(20))
    const found = await Effect.runPromise(eventsOfRequest(log, { position: 10, eventId: "an event of another replica" }, "r5"))
    expect([found.events.map((e) => e.requestId), found.fullScan]).toEqual([["r5"], true])
  })
})
