#!/usr/bin/env node
import { NodeRuntime } from "@effect/platform-node"
import { Cause, Effect, Exit, Layer } from "effect"
import { ConfigError, resolveServerSettings } from "./ServerConfig.ts"
import { jsonLogs, serverLayer } from "./Server.ts"

/** `npm start`: the server on the embedded default store until SIGTERM/SIGINT, which drain and close it. */
let settings
try {
  settings = resolveServerSettings(process.argv.slice(2), process.env)
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  console.error(`trent: ${error.message}`)
  process.exit(2)
}

/** A stop by SIGTERM/SIGINT, once drained and closed, is a clean exit (0); a failure to start or run is 1. */
const teardown = <E, A>(exit: Exit.Exit<E, A>, onExit: (code: number) => void) =>
  onExit(Exit.isSuccess(exit) || Cause.hasInterruptsOnly(exit.cause) ? 0 : 1)

NodeRuntime.runMain(Layer.launch(serverLayer(settings)).pipe(Effect.provide(jsonLogs(settings))), { teardown })
