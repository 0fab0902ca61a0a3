import { describe, expect, it } from "vitest"
import { formatAmzDate, parseAmzDate, parseHttpDate } from "./AmzDate.ts"

describe("AmzDate", () => {
  it("reads and writes the ISO 8601 basic format", () => {
    expect(parseAmzDate("20150830T123600Z")).toBe(Date.UTC(2015, 7, 30, 12, 36, 0))
    expect(formatAmzDate(Date.UTC(2015, 7, 30, 12, 36, 0, 999))).toBe("20150830T123600Z")
  })

  it.each(["2015-08-30T12:36:00Z", "20150830T123600", "20150830t123600z", "20150230T123600Z", "20150830T246000Z", ""])(
    "refuses %j as an X-Amz-Date",
    (value) => expect(parseAmzDate(value)).toBeUndefined()
  )

  it("reads an HTTP Date header in IMF-fixdate, or in the basic format", () => {
    expect(parseHttpDate("Sun, 30 Aug 2015 12:36:00 GMT")).toBe(Date.UTC(2015, 7, 30, 12, 36, 0))
    expect(parseHttpDate("20150830T123600Z")).toBe(Date.UTC(2015, 7, 30, 12, 36, 0))
    expect(parseHttpDate("Sunday, 30-Aug-15 12:36:00 GMT")).toBeUndefined()
  })
})
