import { assert, describe, it } from "vitest"
import {
  decodeAliasEvent,
  decodeCustomKeyStoreEvent,
  decodeKeyEvent,
  encodeAliasEvent,
  encodeCustomKeyStoreEvent,
  encodeKeyEvent,
  type EncodedEvent
} from "./EventCodec.ts"
import { CustomKeyStoreEvent } from "./customKeyStore/CustomKeyStoreEvent.ts"
import { KeyEvent } from "./KeyEvent.ts"
import { AliasEvent } from "./Alias.ts"

import golden from "./golden/events.v1.json" with { type: "json" }
/**
 * The golden corpus: one stored sample of every event type at every schema
 * version ever released. Each must still decode; re-encoding a current-version
 * sample must give back exactly the stored payload.
 */

const corpus = golden as { key: Array<EncodedEvent>; alias: Array<EncodedEvent>; customKeyStore: Array<EncodedEvent> }

describe("event codec", () => {
  it("the golden corpus holds every key and alias event type", () => {
    const keyTypes = KeyEvent.members.map((m) => m.fields._tag.schema.literal as string)
    const aliasTypes = AliasEvent.members.map((m) => m.fields._tag.schema.literal as string)
    assert.deepStrictEqual([...new Set(corpus.key.map((e) => e.type))].sort(), [...keyTypes].sort())
    assert.deepStrictEqual([...new Set(corpus.alias.map((e) => e.type))].sort(), [...aliasTypes].sort())
    const storeTypes = CustomKeyStoreEvent.members.map((m) => m.fields._tag.schema.literal as string)
    assert.deepStrictEqual([...new Set(corpus.customKeyStore.map((e) => e.type))].sort(), [...storeTypes].sort())
  })
  for (const stored of [...corpus.customKeyStore]) {
    it(`decodes stored ${stored.type} v${stored.schemaVersion} and re-encodes it unchanged`, () => {
      assert.deepStrictEqual(encodeCustomKeyStoreEvent(decodeCustomKeyStoreEvent(stored)), stored)
    })
  }
  for (const stored of [...corpus.key]) {
    it(`decodes stored ${stored.type} v${stored.schemaVersion} and re-encodes it unchanged`, () => {
      assert.deepStrictEqual(encodeKeyEvent(decodeKeyEvent(stored)), stored)
    })
  }
  for (const stored of [...corpus.alias]) {
    it(`decodes stored ${stored.type} v${stored.schemaVersion} and re-encodes it unchanged`, () => {
      assert.deepStrictEqual(encodeAliasEvent(decodeAliasEvent(stored)), stored)
    })
  }
  it("rejects a payload from a newer build and a malformed payload", () => {
    assert.throws(() => decodeKeyEvent({ type: "KeyEnabled", schemaVersion: 2, payload: { at: 1 } }))
    assert.throws(() => decodeKeyEvent({ type: "KeyEnabled", schemaVersion: 1, payload: { at: "soon" } }))
    assert.throws(() => decodeKeyEvent({ type: "KeyVanished", schemaVersion: 1, payload: {} }))
  })
})
