export type StreamType = "key" | "alias"

export const streamTypes: ReadonlyArray<StreamType> = ["key", "alias"]

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
