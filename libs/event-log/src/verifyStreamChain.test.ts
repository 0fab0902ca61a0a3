import { describe, expect, it } from "vitest"
import { prepareAppend } from "./AppendInput.ts"
import { toStoredEvent } from "./EventRecord.ts"
import { sampleAppend } from "./contract/samplePendingEvent.test-support.ts"
import { sealEvents } from "./sealEvents.ts"
import type { StoredEvent } from "./StoredEvent.ts"
import { verifyStreamChain } from "./verifyStreamChain.ts"

const stream = (streamId = "k1", count = 4): ReadonlyArray<StoredEvent> =>
  sealEvents("eu-west-1", 0, prepareAppend(sampleAppend(streamId, 0, 1, count)), undefined).map((sealed, i) =>
    toStoredEvent({ ...sealed, position: i + 1 })
  )

describe("verifyStreamChain", () => {
  it("accepts an empty stream and a stream as the log sealed it", () => {
    expect(verifyStreamChain([])).toEqual({ ok: true })
    expect(verifyStreamChain(stream())).toEqual({ ok: true })
  })

  it("ignores position, which is the store's and not part of the chain", () => {
    expect(verifyStreamChain(stream().map((e) => ({ ...e, position: e.position * 10 })))).toEqual({ ok: true })
  })

  it("names the seq of an event whose payload was edited", () => {
    const events = stream().map((e) => (e.seq === 3 ? { ...e, payload: { n: 999 } } : e))
    expect(verifyStreamChain(events)).toEqual({ ok: false, seq: 3 })
  })

  it("names the missing seq when an event was removed", () => {
    expect(verifyStreamChain(stream().filter((e) => e.seq !== 2))).toEqual({ ok: false, seq: 2 })
  })

  it("names the first displaced seq when events were reordered", () => {
    const events = stream()
    expect(verifyStreamChain([0, 2, 1, 3].map((i) => events[i] as StoredEvent))).toEqual({ ok: false, seq: 2 })
  })

  it("rejects a stream that does not start at seq 1", () => {
    expect(verifyStreamChain(stream().slice(1))).toEqual({ ok: false, seq: 1 })
  })

  it("rejects an event of another stream spliced in, even with a recomputed link", () => {
    const first = stream("k1")[0] as StoredEvent
    const other = stream("k2")[1] as StoredEvent
    expect(verifyStreamChain([first, { ...other, prevHash: first.hash }])).toEqual({ ok: false, seq: 2 })
  })

  it("rejects a payload that is no longer a JSON value", () => {
    const events = stream().map((e) => (e.seq === 1 ? { ...e, payload: { when: new Date(0) } } : e))
    expect(verifyStreamChain(events)).toEqual({ ok: false, seq: 1 })
  })
})
