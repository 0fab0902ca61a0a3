import { encodeKeyEvent, encodeKeySnapshot, evolveKey, initialKey, type KeyEvent, keyDueAt } from "@trent/domain"
import type { AppendInput } from "@trent/event-log"

/**
 * The replay benchmark's corpus: `keys` keys of `eventsPerKey` events each
 * (a KeyCreated, then tags, description changes and enable/disable), encoded
 * exactly as the Region stores them, one append per key.
 */
export const keyIdOf = (i: number) => {
  const hex = i.toString(16).padStart(12, "0")
  return `00000000-0000-4000-8000-${hex}`
}

export const corpusAppend = (i: number, eventsPerKey: number, at: number): AppendInput => {
  const keyId = keyIdOf(i)
  const events: Array<KeyEvent> = [{
    _tag: "KeyCreated",
    keyId,
    partition: "aws",
    account: "111122223333",
    region: "us-east-1",
    keySpec: "SYMMETRIC_DEFAULT",
    keyUsage: "ENCRYPT_DECRYPT",
    origin: "AWS_KMS",
    multiRegion: false,
    description: `bench key ${i}`,
    policy: "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
    tags: [],
    material: { materialId: i.toString(16).padStart(64, "0"), wrapped: new Uint8Array(61).fill(i % 251) },
    createdAt: at
  }]
  for (let n = 1; n < eventsPerKey; n++) {
    const kind = n % 4
    events.push(
      kind === 0
        ? { _tag: "KeyDisabled", at: at + n }
        : kind === 1
        ? { _tag: "KeyEnabled", at: at + n }
        : kind === 2
        ? { _tag: "KeyTagged", at: at + n, tags: [{ tagKey: `t${n}`, tagValue: `v${n}` }] }
        : { _tag: "KeyDescriptionUpdated", at: at + n, description: `description ${n}` }
    )
  }
  const state = events.reduce(evolveKey, initialKey)
  return {
    streamId: keyId,
    streamType: "key",
    expectedSeq: 0,
    events: events.map((event, n) => ({
      ...encodeKeyEvent(event),
      eventId: `0190a000-0000-7000-8000-${(i * 64 + n).toString(16).padStart(12, "0")}`,
      at: at + n,
      principal: "arn:aws:iam::111122223333:user/bench",
      requestId: "bench",
      commandId: `bench-${i}`
    })),
    state: encodeKeySnapshot(state),
    dueAt: keyDueAt(state)
  }
}
