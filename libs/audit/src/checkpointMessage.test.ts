import { describe, expect, it } from "vitest"
import { checkpointMessage } from "./checkpointMessage.ts"

describe("checkpointMessage", () => {
  it("is the domain tag, Region, covered seq, covered hash and signing time, each length-prefixed", () => {
    const message = Buffer.from(checkpointMessage("eu-west-1", 12, "ab", 34))
    const expected = Buffer.concat(
      ["trent-audit-checkpoint-v1", "eu-west-1", "12", "ab", "34"].map((field) => {
        const length = Buffer.alloc(4)
        length.writeUInt32BE(Buffer.byteLength(field))
        return Buffer.concat([length, Buffer.from(field)])
      })
    )
    expect(message.equals(expected)).toBe(true)
  })

  it("differs when fields shift across a boundary", () => {
    expect(Buffer.from(checkpointMessage("eu-west-1", 12, "3", 4)))
      .not.toEqual(Buffer.from(checkpointMessage("eu-west-1", 1, "23", 4)))
  })
})
