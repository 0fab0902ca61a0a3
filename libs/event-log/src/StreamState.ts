/** A key (its id), an alias (`alias/<name>`) or a custom key store (its id, `cks-<hex>`). */
export const streamTypes = ["key", "alias", "customKeyStore"] as const

export type StreamType = (typeof streamTypes)[number]

/** The stream id prefix that marks a stream type; keys have none (their ids are UUIDs or `mrk-…`). */
export const streamPrefixes = { alias: "alias/", customKeyStore: "cks-" } as const

/** Which stream type an id belongs to, read from its prefix. */
export const streamTypeOf = (streamId: string): StreamType =>
  streamId.startsWith(streamPrefixes.alias) ? "alias" : streamId.startsWith(streamPrefixes.customKeyStore) ? "customKeyStore" : "key"

/**
 * The `key_state` row: the latest folded state of a stream, written in the same
 * transaction as the events that produced it, so that listing and scheduling
 * never need to replay the log.
 */
export interface StreamState {
  readonly streamId: string
  readonly streamType: StreamType
  /** Seq of the last event folded into `state`. */
  readonly seq: number
  /** A JSON value, encoded by the caller. */
  readonly state: unknown
  /** Epoch ms of the next scheduled action (rotation or deletion); null = none. */
  readonly dueAt: number | null
}
