import { Argument, Flag } from "effect/cli"

/** `--context k=v`, repeatable: what encrypt binds to the message, and what decrypt requires of it. */
export const contextFlag = (description: string) =>
  Flag.KeyValuePair("context").pipe(Flag.withDescription(description), Flag.withDefault({}))

/** `<in> <out>`, each a path or `-` for standard input/output. */
export const fileArguments = {
  input: Argument.String("in").pipe(Argument.withDescription("The file to read, or - for standard input")),
  output: Argument.String("out").pipe(
    Argument.withDescription("The file to write (via <out>.partial, renamed on success), or - for standard output")
  )
}
