import { operationSpec, type ResponseOf, type ServedOperation } from "./ServedOperation.ts"
import type { WireObject } from "./WireValues.ts"

/**
 * Encodes a Region result as the operation's JSON output: `{}` for the
 * operations without output (aws-kms-api.md §1.1), never an undefined member.
 */
export const encodeResponse = <Op extends ServedOperation>(operation: Op, result: ResponseOf<Op>): WireObject =>
  operationSpec(operation).encode(result)
