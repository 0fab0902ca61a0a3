import { Effect } from "effect"
import { OperationFailed } from "../cli/CliFailure.ts"
import { describeFailure } from "../cli/describeFailure.ts"

/**
 * Runs a fold over stored events, turning a payload that does not decode (a
 * corrupt file, or one written by a newer build) into a failure that names the
 * stream, instead of a crash.
 */
export const decodedOrFail = <A>(streamId: string, fold: () => A): Effect.Effect<A, OperationFailed> =>
  Effect.try({
    try: fold,
    catch: (cause) => new OperationFailed({ message: `an event of ${streamId} does not decode: ${describeFailure(cause)}`, cause })
  })
