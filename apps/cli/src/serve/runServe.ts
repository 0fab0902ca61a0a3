import { checkSeedFile, ConfigError, resolveServerSettings, serverProgram } from "@trent/server"
import { Effect } from "effect"
import { UsageError } from "../cli/CliFailure.ts"

/** The settings `npm start` would resolve from these flags; its ConfigError (exit 2 there) is a usage error here too. */
const resolveSettings = (argv: ReadonlyArray<string>) =>
  Effect.suspend(() => {
    try {
      const settings = resolveServerSettings(argv, process.env)
      checkSeedFile(settings)
      return Effect.succeed(settings)
    } catch (error) {
      if (error instanceof ConfigError) return Effect.fail(new UsageError({ message: `${error.message} (see 'trent serve --help')` }))
      throw error
    }
  })

/** `serve`: apps/server's own program on those settings, until interrupted (runMain turns SIGTERM/SIGINT into that). */
export const runServe = Effect.fn("serve")(function*(argv: ReadonlyArray<string>) {
  const settings = yield* resolveSettings(argv)
  return yield* serverProgram(settings)
})
