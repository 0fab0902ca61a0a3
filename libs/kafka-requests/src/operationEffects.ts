import { type ChangingOperation, changesState, operationSpec, type ServedOperation, servedOperations, type StateEffect } from "@trent/protocol"

export { type ChangingOperation, changesState }

/**
 * What each operation does to a Region, for the Kafka request worker, as its
 * module declares (@trent/protocol operations/<Operation>.ts): `changes`
 * appends to the Region's log (or would, but for DryRun), so the worker
 * records that it started and what it answered, runs it alone in its
 * partition (after everything before it, before everything after it), and
 * never runs it twice for one correlation id; `reads` changes no state, so it
 * may run beside other reads and, asked twice, simply runs again.
 */
export const operationEffects: Readonly<Record<ServedOperation, StateEffect>> = Object.freeze(
  Object.fromEntries(servedOperations.map((operation) => [operation, operationSpec(operation).state]))
) as Readonly<Record<ServedOperation, StateEffect>>
