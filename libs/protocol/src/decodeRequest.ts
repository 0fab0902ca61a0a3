import type { Result } from "effect"
import { operationSpec, type RequestOf, type ServedOperation } from "./ServedOperation.ts"
import type { WireError } from "./WireError.ts"

/**
 * Decodes and validates the parsed JSON body of a served operation into the
 * Region's request (aws-kms-api.md §1.2, §1.3): SerializationException for a
 * body that is not an object or a member of the wrong JSON type,
 * ValidationException with every constraint violation, UnsupportedOperationException
 * for a member Trent refuses. Never throws.
 */
export const decodeRequest = <Op extends ServedOperation>(
  operation: Op,
  body: unknown
): Result.Result<RequestOf<Op>, WireError> => operationSpec(operation).decoder.decode(body)
