#!/usr/bin/env node
import { NodeRuntime } from "@effect/platform-node"
import { Effect, Layer } from "effect"
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

NodeRuntime.runMain(Layer.launch(serverLayer(settings)).pipe(Effect.provide(jsonLogs(settings))))
