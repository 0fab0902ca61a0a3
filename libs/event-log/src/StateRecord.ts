import type { StreamState, StreamType } from "./StreamState.ts"

/** A `key_state` row as both adapters hold it: the state as canonical JSON text. */
export interface StateRecord {
  readonly streamId: string
  readonly streamType: StreamType
  readonly seq: number
  readonly stateJson: string
  readonly dueAt: number | null
}

export const toStreamState = (record: StateRecord): StreamState => ({
  streamId: record.streamId,
  streamType: record.streamType,
  seq: record.seq,
  state: JSON.parse(record.stateJson),
  dueAt: record.dueAt
})
