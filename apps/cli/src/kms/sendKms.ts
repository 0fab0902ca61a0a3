import { Effect } from "effect"
import { OperationFailed } from "../cli/CliFailure.ts"
import { describeFailure } from "../cli/describeFailure.ts"

const unreachable = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "EAI_AGAIN"])

const codeOf = (error: unknown): string | undefined => {
  if (typeof error !== "object" || error === null) return undefined
  const { code, errors } = error as { code?: unknown; errors?: ReadonlyArray<unknown> }
  if (typeof code === "string") return code
  return Array.isArray(errors) ? codeOf(errors[0]) : undefined
}

/**
 * The one line for a failed call to Trent: the service's error type and
 * message as AWS returns them (`NotFoundException: …`), or why the call never
 * got an answer (no server at the endpoint, no credentials).
 */
export const kmsFailureMessage = (error: unknown, endpoint: string): string => {
  const name = error instanceof Error ? error.name : ""
  const code = codeOf(error)
  if ((code !== undefined && unreachable.has(code)) || name === "TimeoutError") {
    return `cannot reach Trent at ${endpoint}: ${describeFailure(error)}`
  }
  if (name === "CredentialsProviderError") {
    return "no AWS credentials: pass --data-dir <the server's data directory>, or set AWS_SHARED_CREDENTIALS_FILE " +
      `or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (${describeFailure(error)})`
  }
  // Trent answers a key it does not know, or a signature that does not match, as AWS does; the fix is on this side.
  if (name === "UnrecognizedClientException" || name === "InvalidSignatureException") {
    return `${describeFailure(error)} (are these Trent's credentials? pass --data-dir <the server's data directory>)`
  }
  return describeFailure(error)
}

/** One call to Trent through the AWS SDK, its failure an OperationFailed (exit 1) with that line. */
export const sendKms = <A>(endpoint: string, call: () => Promise<A>): Effect.Effect<A, OperationFailed> =>
  Effect.tryPromise({
    try: call,
    catch: (error) => new OperationFailed({ message: kmsFailureMessage(error, endpoint), cause: error })
  })
