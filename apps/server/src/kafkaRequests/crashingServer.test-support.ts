/**
 * A server (run as `npm start` runs it) whose Kafka request worker kills its own process (SIGKILL: no
 * finalizer runs, nothing is flushed or committed) right after running the
 * request whose correlation id is the second argument — between executing a
 * state change and recording or answering it. The first argument is that
 * correlation id ("" for none), the rest are the server's flags. For
 * kafkaWorkerCrash.int.test.ts.
 */
import { NodeRuntime } from "@effect/platform-node"
import { Effect, Layer } from "effect"
import { serverExitCode } from "../runServer.ts"
import { jsonLogs, serverLayer } from "../Server.ts"
import { resolveServerSettings } from "../ServerConfig.ts"

const [crashAfter, ...flags] = process.argv.slice(2) as [string, ...Array<string>]
const settings = resolveServerSettings(flags, {})
const hooks = {
  kafkaRequests: {
    afterExecute: (correlationId: string) => {
      if (correlationId === crashAfter) process.kill(process.pid, "SIGKILL")
    }
  }
}
// As `npm start` runs it: SIGTERM stops it cleanly (exit code 0).
NodeRuntime.runMain(Layer.launch(serverLayer(settings, hooks)).pipe(Effect.provide(jsonLogs(settings))), {
  teardown: (exit, onExit) => onExit(serverExitCode(exit))
})
