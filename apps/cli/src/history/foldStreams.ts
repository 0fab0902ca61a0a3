import { type Alias, decodeAliasEvent, decodeKeyEvent, evolveAlias, evolveKey, initialAlias, initialKey, type Key } from "@trent/domain"
import type { StoredEvent } from "@trent/event-log"

/**
 * A key's state after `events` (its stream, already cut at the instant asked
 * about): the domain's own decode edge and `evolve`, so history replays
 * exactly what the server folds. Throws if an event does not decode (a
 * corrupt or newer store); the caller says which.
 */
export const foldKeyEvents = (events: ReadonlyArray<StoredEvent>): Key =>
  events.reduce((state, event) => evolveKey(state, decodeKeyEvent(event)), initialKey)

/** An alias's state after `events` (its `alias/<name>` stream, cut at the instant). */
export const foldAliasEvents = (events: ReadonlyArray<StoredEvent>): Alias =>
  events.reduce((state, event) => evolveAlias(state, decodeAliasEvent(event)), initialAlias)
