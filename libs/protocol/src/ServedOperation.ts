import { operations } from "./operationRegistry.ts"
import type { OperationSpec, RequestOfSpec, ResultOfSpec } from "./OperationSpec.ts"

type Operations = typeof operations

/** The operations the Region serves, by their AWS names (aws-kms-api.md §3). */
export type ServedOperation = keyof Operations

export const servedOperations: ReadonlyArray<ServedOperation> = Object.freeze(Object.keys(operations) as Array<ServedOperation>)

export type RequestOf<Op extends ServedOperation> = RequestOfSpec<Operations[Op]>
export type ResponseOf<Op extends ServedOperation> = ResultOfSpec<Operations[Op]>

/** The operations that append to the Region's log (OperationSpec `state: "changes"`). */
export type ChangingOperation = {
  [Op in ServedOperation]: Operations[Op]["state"] extends "changes" ? Op : never
}[ServedOperation]

export const isServedOperation = (name: string): name is ServedOperation => Object.hasOwn(operations, name)

/** The module of a served operation. */
export const operationSpec = <Op extends ServedOperation>(operation: Op): OperationSpec<RequestOf<Op>, ResponseOf<Op>> =>
  operations[operation] as unknown as OperationSpec<RequestOf<Op>, ResponseOf<Op>>

export const changesState = (operation: ServedOperation): operation is ChangingOperation => operations[operation].state === "changes"
