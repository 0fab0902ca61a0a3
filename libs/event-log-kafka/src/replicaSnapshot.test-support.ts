import { type EventLog, type StoredEvent, verifyStreamChain } from "@trent/event-log"
import { Effect } from "effect"
import { expect } from "vitest"

/** A stored event without its position: the one field that is each replica's own. */
export const withoutPosition = ({ position: _position, ...event }: StoredEvent) => event

/**
 * Test helper: everything a replica holds that must be the same on every replica of the same
 * topic — each stream's events (positions aside) and every state row, streams in id order.
 */
export const replicaSnapshot = (log: EventLog["Service"]) =>
  Effect.gen(function*() {
    const states = [...(yield* log.listStates("key", undefined, 100_000)), ...(yield* log.listStates("alias", undefined, 100_000))]
    const streams = yield* Effect.forEach(states, (state) =>
      Effect.map(log.readStream(state.streamId), (events) => [state.streamId, events.map(withoutPosition)] as const))
    const positions = (yield* log.readAll(0, 1_000_000)).map((event) => event.position)
    return { states, streams: Object.fromEntries(streams), eventCount: positions.length, positions }
  })

export type ReplicaSnapshot = Effect.Success<ReturnType<typeof replicaSnapshot>>

/**
 * Asserts what every replica must satisfy: each stream contiguous from 1 with a valid hash chain
 * and no duplicate seq, its state row at its last seq, positions 1..n without a gap.
 */
export const expectSoundReplica = (snapshot: ReplicaSnapshot): void => {
  for (const [streamId, events] of Object.entries(snapshot.streams)) {
    expect(events.map((event) => event.seq), streamId).toEqual(events.map((_, i) => i + 1))
    expect(verifyStreamChain(events.map((event, i) => ({ ...event, position: i + 1 }))), streamId).toEqual({ ok: true })
  }
  for (const state of snapshot.states) expect(state.seq, state.streamId).toBe(snapshot.streams[state.streamId]?.length)
  expect(snapshot.positions).toEqual(snapshot.positions.map((_, i) => i + 1))
}

/** The part of two snapshots that must be identical across replicas. */
export const replicatedPart = ({ states, streams, eventCount }: ReplicaSnapshot) => ({ states, streams, eventCount })
