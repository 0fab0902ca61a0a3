import { Effect } from "effect"
import { DryRunSucceeded } from "../KeyErrors.ts"

/**
 * DryRun: every check has passed; report success as AWS does, with
 * DryRunOperationException, and change nothing
 * (https://docs.aws.amazon.com/kms/latest/developerguide/testing-permissions.html).
 */
export const dryRunSucceeded: Effect.Effect<never, DryRunSucceeded> = Effect.suspend(() =>
  Effect.fail(new DryRunSucceeded({ message: "The request would have succeeded, but the DryRun option is set." }))
)

export const stopIfDryRun = (dryRun: boolean | undefined): Effect.Effect<void, DryRunSucceeded> =>
  dryRun === true ? dryRunSucceeded : Effect.void
