import { Data } from "effect"

/**
 * A worker exited before it served. `reported` when it exited with 1, the code of a start that
 * failed with its own one-line reason on stderr (a missing keyvault, a wrong root key): the primary
 * then adds no second line about the same failure. Any other code or a signal is not reported.
 */
export class WorkerStartFailure extends Data.TaggedError("WorkerStartFailure")<{
  readonly message: string
  readonly reported: boolean
}> {}
