import { describe, expect, it } from "vitest"
import { eventHash, genesisHash, type EventHashInput } from "./eventHash.ts"

const event: EventHashInput = {
  region: "eu-west-1",
  streamId: "1234abcd-12ab-34cd-56ef-1234567890ab",
  seq: 1,
  term: 0,
  eventId: "01890000-0000-7000-8000-000000000001",
  type: "KeyCreated",
  schemaVersion: 1,
  at: 1700000000000,
  principal: "arn:aws:iam::111122223333:user/alice",
  requestId: "request-1",
  commandId: "command-1",
  payloadJson: `{"description":"","keySpec":"SYMMETRIC_DEFAULT"}`,
  prevHash: genesisHash
}

describe("eventHash", () => {
  // Recomputed independently (Python hashlib over the documented encoding) when v1 was fixed.
  it("is pinned for encoding v1: stored chains must keep verifying in every later build", () => {
    expect(eventHash(event)).toBe("c184dbedd606cdd306b778f299721d219da99fdb5225b0a30bef2b1bbf668e02")
  })

  it("changes when any hashed field changes", () => {
    const base = eventHash(event)
    const changed: ReadonlyArray<Partial<EventHashInput>> = [
      { region: "eu-west-2" }, { streamId: "other" }, { seq: 2 }, { term: 1 }, { eventId: "x" }, { type: "KeyDisabled" },
      { schemaVersion: 2 }, { at: 1700000000001 }, { principal: "bob" }, { requestId: "r" }, { commandId: "c" },
      { payloadJson: "{}" }, { prevHash: "f".repeat(64) }
    ]
    for (const fields of changed) expect(eventHash({ ...event, ...fields })).not.toBe(base)
  })

  it("cannot be fooled by moving text across a field boundary", () => {
    expect(eventHash({ ...event, principal: "ab", requestId: "c" })).not.toBe(
      eventHash({ ...event, principal: "a", requestId: "bc" })
    )
  })
})
