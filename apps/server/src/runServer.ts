import { NodeRuntime } from "@effect/platform-node"
import { Cause, Context, Effect, Exit, Layer } from "effect"
import { HttpEdge } from "./HttpEdge.ts"
import { announceReady, isWorkerProcess, superviseWorkers } from "./Workers.ts"
import { jsonLogs, serverLayer } from "./Server.ts"
import { checkSeedFile } from "./seed/seedLayer.ts"
import { ConfigError, resolveServerSettings, type ServerSettings } from "./ServerConfig.ts"

/**
 * The server as one program: building its layer starts listening; it then runs
 * until interrupted (SIGTERM/SIGINT under `runMain`), when releasing the layer
 * drains the requests in flight and closes the stores. With `workers` above 1
 * this process is the primary of that many worker processes (Workers.ts),
 * each of which runs this same program as a worker.
 */
export const serverProgram = (settings: ServerSettings): Effect.Effect<never, unknown> => {
  const program = settings.workers > 1 && !isWorkerProcess()
    ? superviseWorkers(settings.workers)
    : Effect.scoped(Effect.gen(function*() {
      const context = yield* Layer.build(serverLayer(settings))
      if (isWorkerProcess()) yield* announceReady(Context.get(context, HttpEdge).url)
      return yield* Effect.never
    }))
  return program.pipe(Effect.provide(jsonLogs(settings)))
}

/** A stop by SIGTERM/SIGINT, once drained and closed, is a clean exit (0); a failure to start or run is 1. */
export const serverExitCode = <E, A>(exit: Exit.Exit<A, E>): number =>
  Exit.isSuccess(exit) || Cause.hasInterruptsOnly(exit.cause) ? 0 : 1

/**
 * `npm start` (and `trent-server`): the server on the settings that `argv`,
 * `env` and the config file resolve to, until SIGTERM/SIGINT. A configuration
 * error is one line on stderr and exit code 2.
 */
export const runServer = (argv: ReadonlyArray<string>, env: Record<string, string | undefined>): void => {
  let settings: ServerSettings
  try {
    settings = resolveServerSettings(argv, env)
    checkSeedFile(settings)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(`trent: ${error.message}`)
    process.exit(2)
  }
  NodeRuntime.runMain(serverProgram(settings), { teardown: (exit, onExit) => onExit(serverExitCode(exit)) })
}
