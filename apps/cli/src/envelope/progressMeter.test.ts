import { PassThrough } from "node:stream"
import { pipeline } from "node:stream/promises"
import { Readable, Writable } from "node:stream"
import { describe, expect, it } from "vitest"
import { progressMeter, renderProgress } from "./progressMeter.ts"

describe("renderProgress", () => {
  it("shows the bar, the percentage, bytes done of the total and the rate", () => {
    expect(renderProgress(50 * 1024 * 1024, 200 * 1024 * 1024, 2000, 8)).toBe("[##......]  25%  50.0/200.0 MiB  25.0 MiB/s")
  })

  it("is full and at 100% when done, and never divides by zero", () => {
    expect(renderProgress(0, 0, 0, 4)).toBe("[####] 100%  0.0/0.0 MiB  0.0 MiB/s")
  })
})

describe("progressMeter", () => {
  it("passes every byte through unchanged, draws on the terminal and clears its line at the end", async () => {
    const terminal = new PassThrough()
    let drawn = ""
    terminal.on("data", (chunk: Buffer) => (drawn += chunk.toString()))
    let clock = 0
    const received: Array<Buffer> = []
    const chunks = Array.from({ length: 5 }, (_, i) => Buffer.alloc(1000, i))
    await pipeline(
      Readable.from(chunks),
      progressMeter(5000, terminal, () => (clock += 60)),
      new Writable({ write: (chunk: Buffer, _e, next) => (received.push(chunk), next()) })
    )
    expect(Buffer.concat(received)).toEqual(Buffer.concat(chunks))
    expect(drawn).toContain("MiB/s")
    expect(drawn.endsWith("\r\x1b[K")).toBe(true)
  })
})
