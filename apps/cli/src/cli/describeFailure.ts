/**
 * One line that says what went wrong, for any error a command meets: an AWS
 * service error (`NotFoundException: Key '…' does not exist`), a network or
 * file-system error (`connect ECONNREFUSED 127.0.0.1:7400`), or anything else
 * with a message. Never a stack trace; newlines are folded so the line stays one.
 */
export const describeFailure = (error: unknown): string => oneLine(withoutStackFrames(rawMessage(error)))

/** A library that folds inner errors' stacks into its message (the Encryption SDK's keyring does) keeps the words, not the frames. */
const withoutStackFrames = (text: string): string =>
  text.split("\n").filter((line) => !/^\s*at .*(:\d+:\d+\)?|\(native\)|<anonymous>\)?)\s*$/.test(line)).join("\n")

const rawMessage = (error: unknown): string => {
  if (typeof error === "string") return error
  if (!(error instanceof Error)) return String(error)
  const aggregate = error as Error & { errors?: ReadonlyArray<unknown> }
  // Node's connection errors to a dual-stack host are AggregateErrors with an empty message.
  if (error.message === "" && Array.isArray(aggregate.errors) && aggregate.errors.length > 0) {
    return rawMessage(aggregate.errors[0])
  }
  // AWS SDK service exceptions carry the service's error type as their name.
  const isServiceError = (error as { $fault?: unknown }).$fault !== undefined
  return isServiceError && error.name !== "Error" ? `${error.name}: ${error.message}` : error.message || error.name
}

export const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, "; ").trim()
