import { Schema } from "effect"
import { AliasEvent } from "./Alias.ts"
import { CUSTOM_KEY_STORE_EVENT_SCHEMA_VERSION, CustomKeyStoreEvent } from "./customKeyStore/CustomKeyStoreEvent.ts"
import { KEY_EVENT_SCHEMA_VERSION, KeyEvent } from "./KeyEvent.ts"
import { withPlainFastPath } from "./plainDecoder.ts"

/**
 * The decode edge of the log. Events are stored as `{type, schemaVersion,
 * payload}` with the payload in its JSON encoding. A released schema is never
 * edited: when one changes, its old version gets an upcaster here that lifts a
 * stored payload to the current shape, and the golden corpus keeps a sample of
 * every stored version.
 */
export interface EncodedEvent {
  readonly type: string
  readonly schemaVersion: number
  readonly payload: unknown
}

type Upcaster = (payload: Record<string, unknown>) => Record<string, unknown>

/** type → stored schemaVersion → upcaster to the next version. None yet: every type is at version 1. */
const upcasters: Readonly<Record<string, Readonly<Record<number, Upcaster>>>> = Object.freeze({})

const upcast = (event: EncodedEvent, current: number): Record<string, unknown> => {
  let payload: Record<string, unknown> = { ...(event.payload as Record<string, unknown>), _tag: event.type }
  for (let version = event.schemaVersion; version < current; version++) {
    const step = upcasters[event.type]?.[version]
    if (step === undefined) throw new Error(`no upcaster for ${event.type} v${version}`)
    payload = step(payload)
  }
  if (event.schemaVersion > current) throw new Error(`${event.type} v${event.schemaVersion} is newer than this build`)
  return payload
}

const encodeKey = Schema.encodeSync(KeyEvent)
// Replay decodes every event: the plain ones take a compiled path, whose output is the Schema's (plainDecoder.ts).
const decodeKey = withPlainFastPath(KeyEvent, Schema.decodeUnknownSync(KeyEvent))
const encodeAlias = Schema.encodeSync(AliasEvent)
const decodeAlias = withPlainFastPath(AliasEvent, Schema.decodeUnknownSync(AliasEvent))

export const ALIAS_EVENT_SCHEMA_VERSION = 1

export const encodeKeyEvent = (event: KeyEvent): EncodedEvent => ({
  type: event._tag,
  schemaVersion: KEY_EVENT_SCHEMA_VERSION,
  payload: encodeKey(event)
})

/** Throws on a payload that is not a valid event of a known version: the store is corrupt. */
export const decodeKeyEvent = (event: EncodedEvent): KeyEvent => decodeKey(upcast(event, KEY_EVENT_SCHEMA_VERSION))

export const encodeAliasEvent = (event: AliasEvent): EncodedEvent => ({
  type: event._tag,
  schemaVersion: ALIAS_EVENT_SCHEMA_VERSION,
  payload: encodeAlias(event)
})

export const decodeAliasEvent = (event: EncodedEvent): AliasEvent =>
  decodeAlias(upcast(event, ALIAS_EVENT_SCHEMA_VERSION))

const encodeStore = Schema.encodeSync(CustomKeyStoreEvent)
const decodeStore = Schema.decodeUnknownSync(CustomKeyStoreEvent)

export const encodeCustomKeyStoreEvent = (event: CustomKeyStoreEvent): EncodedEvent => ({
  type: event._tag,
  schemaVersion: CUSTOM_KEY_STORE_EVENT_SCHEMA_VERSION,
  payload: encodeStore(event)
})

export const decodeCustomKeyStoreEvent = (event: EncodedEvent): CustomKeyStoreEvent =>
  decodeStore(upcast(event, CUSTOM_KEY_STORE_EVENT_SCHEMA_VERSION))
