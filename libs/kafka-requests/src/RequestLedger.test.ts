import { describe, expect, it } from "vitest"
import { decodeRecordedRequest, encodeRecordedRequest, type RecordedRequest } from "./RecordedRequest.ts"
import { RequestLedger } from "./RequestLedger.ts"

const started: RecordedRequest = { _tag: "Started", at: 1, operation: "CreateKey", signature: "ab12", marks: [{ account: "111122223333", region: "eu-west-1", position: 7, eventId: "e7" }] }
const answered: RecordedRequest = { _tag: "Answered", at: 2, operation: "CreateKey", signature: "ab12", status: 200, body: "{}" }

describe("the recent results", () => {
  it("keep the latest record of each correlation id, up to their capacity, forgetting the oldest first", () => {
    const ledger = new RequestLedger(2)
    ledger.record("a", started)
    ledger.record("b", started)
    ledger.record("a", answered)
    ledger.record("c", started)
    expect([ledger.get("a"), ledger.get("b"), ledger.get("c")]).toEqual([answered, undefined, started])
    expect(ledger.size).toBe(2)
  })

  it("never let a start replace an answer: the results topic hands back a worker's own records late", () => {
    const ledger = new RequestLedger(10)
    ledger.record("a", answered)
    ledger.record("a", started)
    expect(ledger.get("a")).toEqual(answered)
  })

  it("round-trip through the results topic's JSON, and skip a record this build cannot read", () => {
    for (const record of [started, answered]) expect(decodeRecordedRequest(encodeRecordedRequest(record))).toEqual(record)
    expect(decodeRecordedRequest('{"_tag":"Forgotten"}')).toBeUndefined()
    expect(decodeRecordedRequest("not json")).toBeUndefined()
  })
})
