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
  const primary = settings.workers > 1 && !isWorkerProcess()
  const role = primary ? "primary" : isWorkerProcess() ? `worker ${process.env["TRENT_WORKER"] ?? "?"}` : "server"
  const program = Effect.scoped(Effect.gen(function*() {
    // Finalizers run last-added first: "stopping" before the drain and close, "stopped" after them.
    yield* Effect.addFinalizer((exit) =>
      Effect.logInfo("Trent stopped", { role, pid: process.pid, exit: Exit.isSuccess(exit) || Cause.hasInterruptsOnly(exit.cause) ? "clean" : "failed" }))
    if (primary) return yield* superviseWorkers(settings.workers, settings)
    const context = yield* Layer.build(serverLayer(settings))
    const url = Context.get(context, HttpEdge).url
    yield* Effect.logInfo("Trent started", startFields(settings, url, role))
    yield* Effect.addFinalizer(() => Effect.logInfo("Trent stopping: draining requests in flight, then closing the stores", { role, pid: process.pid }))
    if (isWorkerProcess()) yield* announceReady(url)
    return yield* Effect.never
  }))
  return program.pipe(Effect.provide(jsonLogs(settings)))
}

/** The start line's fields: where it serves and on what (never a secret: no keys, no credentials). */
const startFields = (settings: ServerSettings, url: string, role: string) => ({
  role,
  pid: process.pid,
  url,
  regions: settings.regions.join(","),
  store: settings.store,
  dataDir: settings.dataDir,
  devMode: settings.devMode,
  audit: settings.audit,
  requestLogSample: settings.requestLogSample,
  node: process.version
})

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
  // Besides the modes each store sets: any file the server process creates is its owner's alone (0600, dirs 0700).
  process.umask(0o077)
  NodeRuntime.runMain(serverProgram(settings), { teardown: (exit, onExit) => onExit(serverExitCode(exit)) })
}
