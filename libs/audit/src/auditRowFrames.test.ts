import { checkProperty } from "@trent/testing"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { type AuditRow, frameRows, unframeRows } from "./auditRowFrames.ts"

const text = fc.string({ unit: "binary", maxLength: 40 })
const row: fc.Arbitrary<AuditRow> = fc.record({
  seq: fc.nat(),
  kind: fc.constantFrom("record", "checkpoint"),
  prevHash: text,
  hash: text,
  body: fc.oneof(text, fc.json()),
  eventTime: fc.option(fc.nat(), { nil: null }),
  eventName: fc.option(text, { nil: null }),
  principalArn: fc.option(text, { nil: null }),
  errorCode: fc.option(text, { nil: null }),
  resources: fc.array(text, { maxLength: 3 })
})

describe("audit row frames", () => {
  it("give back every batch of rows, whatever their text (colons, newlines, digits, dashes)", async () => {
    await checkProperty(
      "frameRows round trip",
      fc.property(fc.array(row, { maxLength: 5 }), (rows) => {
        expect(unframeRows(frameRows(rows))).toEqual(rows)
      })
    )
  })

  it("refuse text they did not make", () => {
    expect(() => unframeRows("1:1")).toThrow(/null where text belongs|bad frame/)
    expect(() => unframeRows("1:0x")).toThrow(/text after the last row/)
    expect(() => unframeRows("9:12")).toThrow(/bad frame/)
  })
})
