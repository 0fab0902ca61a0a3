/**
 * The event envelope. A `PendingEvent` is what the
 * runtime hands to `EventLog.append`: the payload is already a JSON value,
 * encoded by the domain's Schema. The log adds the stream coordinates, the
 * global position and the per-stream hash chain to make a `StoredEvent`.
 */
export interface PendingEvent {
  /** UUIDv7, made by the caller. */
  readonly eventId: string
  /** Past-tense fact: "KeyCreated", "AliasCreated", ... */
  readonly type: string
  readonly schemaVersion: number
  /** Epoch milliseconds. */
  readonly at: number
  readonly principal: string
  readonly requestId: string
  readonly commandId: string
  /** A JSON value. */
  readonly payload: unknown
}

/**
 * What folding the log into states needs of an event, as `EventLog.readReplay` gives it: the
 * stream coordinates, the type and version and the decoded payload, without the envelope's other
 * strings and the hashes (reading and building those costs a full replay more than the fold).
 */
export interface ReplayedEvent {
  readonly position: number
  readonly streamId: string
  readonly seq: number
  readonly type: string
  readonly schemaVersion: number
  /** A JSON value. */
  readonly payload: unknown
}

export interface StoredEvent extends PendingEvent {
  /** Global, strictly increasing per Region log (1, 2, ...). */
  readonly position: number
  readonly region: string
  /** Key id, or "alias/<name>" for alias streams. */
  readonly streamId: string
  /** Contiguous per stream from 1. */
  readonly seq: number
  /** Writer fencing; always 0 for the embedded store. */
  readonly term: number
  /** Hex SHA-256 of the previous event of the same stream; 64 zeros for seq 1. */
  readonly prevHash: string
  /** Hex SHA-256 over the canonical encoding of every field except `position` (see eventHash.ts). */
  readonly hash: string
}
