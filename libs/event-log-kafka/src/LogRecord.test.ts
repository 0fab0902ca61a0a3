import { prepareAppend } from "@trent/event-log"
import { sampleAppend, samplePendingEvent } from "@trent/event-log/testing"
import { Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { AppendRecord, decodeLogRecord, encodeAppend, encodeClaim } from "./LogRecord.ts"

const bytes = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value))

describe("the records of the events topic", () => {
  it("round-trips a claim", () => {
    expect(decodeLogRecord(bytes(encodeClaim(3, "writer-a")))).toEqual({ _tag: "Claim", term: 3, writerId: "writer-a" })
  })

  it("round-trips a multi-event append to exactly what prepareAppend makes of the input, canonical JSON included", () => {
    const input = sampleAppend("k1", 4, 10, 3, {
      events: [samplePendingEvent(10, { payload: { z: 1, a: [true, null, { y: "ü", b: 0.5 }] } }), samplePendingEvent(11)],
      state: { status: "Enabled", n: -0, big: 1e21 },
      dueAt: 1_700_000_000_000
    })
    const decoded = decodeLogRecord(bytes(encodeAppend(2, "writer-a", input)))
    expect(decoded).toEqual({ _tag: "Append", term: 2, writerId: "writer-a", append: prepareAppend(input) })
  })

  it("is one JSON object with the documented fields", () => {
    const record = JSON.parse(encodeAppend(0, "w", sampleAppend("alias/prod", 0, 1)))
    expect(Object.keys(record)).toEqual(["kind", "v", "term", "writerId", "streamId", "streamType", "expectedSeq", "events", "state", "dueAt"])
    expect(record).toMatchObject({ kind: "append", v: 1, streamType: "alias" })
  })

  it.each([
    ["a tombstone", null, /tombstone/],
    ["text that is not JSON", bytes("{not json"), /not JSON/],
    ["JSON that is not an object", bytes([1, 2]), /not a JSON object/],
    ["an unknown kind", bytes({ kind: "vote", v: 1 }), /unknown kind "vote"/],
    ["a claim without a writer", bytes({ kind: "claim", v: 1, term: 1 }), /writerId/],
    ["a claim with a fractional term", bytes({ kind: "claim", v: 1, term: 1.5, writerId: "w" }), /term|int/i],
    ["an append without events", bytes({ ...JSON.parse(encodeAppend(0, "w", sampleAppend("k1", 0, 1))), events: [] }), /at least one event/],
    ["an alias append to a key stream", bytes({ ...JSON.parse(encodeAppend(0, "w", sampleAppend("k1", 0, 1))), streamType: "alias" }), /does not fit streamType/],
    ["an older format", bytes({ kind: "claim", v: 0, term: 1, writerId: "w" }), /v/]
  ])("reads %s as Malformed, saying why", (_, value, reason) => {
    const decoded = decodeLogRecord(value as Buffer | null)
    expect(decoded._tag).toBe("Malformed")
    expect(decoded._tag === "Malformed" && decoded.reason).toMatch(reason)
  })

  it("tells a newer format from a malformed record", () => {
    expect(decodeLogRecord(bytes({ kind: "claim", v: 2, term: 1, writerId: "w", lease: 30 }))).toEqual({ _tag: "NewerFormat", v: 2 })
  })

  it("decodes edited append records as the Schema alone would: the same appends, the same records Malformed", () => {
    const strict = Schema.decodeUnknownSync(AppendRecord)
    const reference = (json: unknown) => {
      try {
        const { kind: _kind, v: _v, term, writerId, ...input } = strict(json)
        return { _tag: "Append", term, writerId, append: prepareAppend(input) }
      } catch {
        return { _tag: "Malformed" }
      }
    }
    const base = JSON.parse(encodeAppend(1, "w", sampleAppend("k1", 2, 10, 2, { dueAt: 5 }))) as Record<string, unknown>
    const fields = ["term", "writerId", "streamId", "streamType", "expectedSeq", "events", "state", "dueAt"]
    const eventFields = ["eventId", "type", "schemaVersion", "at", "principal", "requestId", "commandId", "payload"]
    fc.assert(
      fc.property(
        fc.constantFrom(...fields), fc.constantFrom(...eventFields), fc.boolean(), fc.boolean(),
        fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constantFrom(1.5, -1, 2 ** 60, "", null)),
        (field, eventField, inEvent, remove, value) => {
          const record: Record<string, unknown> = structuredClone(base)
          const target = inEvent ? (record["events"] as Array<Record<string, unknown>>)[1]! : record
          const name = inEvent ? eventField : field
          if (remove) delete target[name]
          else target[name] = value
          const decoded = decodeLogRecord(bytes(record))
          const expected = reference(record)
          expect(decoded._tag).toBe(expected._tag)
          if (expected._tag === "Append") expect(decoded).toEqual(expected)
        }
      ),
      { numRuns: 2_000 }
    )
  })
})
